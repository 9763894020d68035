import type { RuntimeError } from "@microwasm/core";
import { parseModule } from "@microwasm/parser";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { ExecStack, type FunctionInstance, invoke } from "../src/index.js";
import { compileWat, instantiateWat } from "./load.js";

// Constants folded into their consumers and compares fused with branches must compute exactly
// what the unfused wasm computes: each case runs on microwasm and on Node's own engine.

const nodeWasm = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(
        bytes: Uint8Array,
      ): Promise<{ instance: { exports: Record<string, (...a: unknown[]) => unknown> } }>;
    };
  }
).WebAssembly;

const i32Edges = [0, 1, -1, 2, 5, 31, 32, 33, 0x7fffffff, -0x80000000, 0x7ffffffe, -0x7fffffff, 0xffff, -2];
const i32Binary = ["add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"];
const i32Compare = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];
const i64Edges = [
  0n,
  1n,
  -1n,
  7n,
  31n,
  32n,
  33n,
  63n,
  64n,
  0x7fffffffffffffffn,
  -0x8000000000000000n,
  0xffffffffn,
  -0x100000000n,
];
const i64Binary = ["add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"];

/** One module with a function per (op, constant, form); returns the export names. */
function buildModule(): { text: string; names: string[]; params: string[] } {
  const funcs: string[] = [];
  const names: string[] = [];
  const params: string[] = [];
  const add = (name: string, param: string, result: string, body: string) => {
    names.push(name);
    params.push(param);
    funcs.push(`(func (export "${name}") (param $x ${param}) (result ${result}) ${body})`);
  };
  i32Edges.forEach((c, ci) => {
    for (const op of [...i32Binary, ...i32Compare]) {
      add(`r-${op}-${ci}`, "i32", "i32", `(i32.${op} (local.get $x) (i32.const ${c}))`);
      add(`l-${op}-${ci}`, "i32", "i32", `(i32.${op} (i32.const ${c}) (local.get $x))`);
    }
    for (const op of i32Compare) {
      // fused into if (negated branch), br_if (forward) and a loop's back-edge
      add(
        `if-${op}-${ci}`,
        "i32",
        "i32",
        `(if (result i32) (i32.${op} (local.get $x) (i32.const ${c})) (then (i32.const 1)) (else (i32.const 0)))`,
      );
      add(
        `if-reg-${op}-${ci}`,
        "i32",
        "i32",
        `(if (result i32) (i32.${op} (local.get $x) (i32.add (local.get $x) (i32.const ${c}))) (then (i32.const 1)) (else (i32.const 0)))`,
      );
      add(
        `brif-${op}-${ci}`,
        "i32",
        "i32",
        `(block (br_if 0 (i32.${op} (i32.const ${c}) (local.get $x))) (return (i32.const 0))) (i32.const 1)`,
      );
      add(
        `loop-${op}-${ci}`,
        "i32",
        "i32",
        `(local $n i32) (loop $l (local.set $n (i32.add (local.get $n) (i32.const 1))) (br_if $l (i32.and (i32.lt_u (local.get $n) (i32.const 3)) (i32.${op} (local.get $x) (i32.const ${c}))))) (local.get $n)`,
      );
      add(
        `loop2-${op}-${ci}`,
        "i32",
        "i32",
        `(local $n i32) (block $out (loop $l (local.set $x (i32.add (local.get $x) (i32.const 1))) (local.set $n (i32.add (local.get $n) (i32.const 1))) (br_if $out (i32.gt_u (local.get $n) (i32.const 40))) (br_if $l (i32.${op} (local.get $x) (i32.const ${c}))))) (local.get $n)`,
      );
    }
    add(
      `xor-rotl-${ci}`,
      "i32",
      "i32",
      `(i32.xor (i32.mul (local.get $x) (i32.const 3)) (i32.rotl (local.get $x) (i32.const ${c})))`,
    );
    add(
      `rot2-${ci}`,
      "i32",
      "i32",
      `(i32.xor (i32.rotl (local.get $x) (i32.const 7)) (i32.rotl (local.get $x) (i32.const ${c})))`,
    );
    add(
      `rot3-${ci}`,
      "i32",
      "i32",
      `(i32.xor (i32.xor (i32.rotl (local.get $x) (i32.const ${c})) (i32.rotr (local.get $x) (i32.const 13))) (i32.rotl (local.get $x) (i32.const 3)))`,
    );
    add(
      `xand-${ci}`,
      "i32",
      "i32",
      `(i32.xor (local.get $x) (i32.and (i32.mul (local.get $x) (i32.const 7)) (i32.const ${c})))`,
    );
    add(
      `xand2-${ci}`,
      "i32",
      "i32",
      `(i32.xor (i32.add (local.get $x) (i32.const ${c})) (i32.and (local.get $x) (i32.mul (local.get $x) (local.get $x))))`,
    );
    add(
      `andx-${ci}`,
      "i32",
      "i32",
      `(i32.and (i32.add (local.get $x) (i32.const ${c})) (i32.xor (local.get $x) (i32.mul (local.get $x) (local.get $x))))`,
    );
    add(
      `andn-${ci}`,
      "i32",
      "i32",
      `(i32.and (i32.add (local.get $x) (i32.const 3)) (i32.xor (local.get $x) (i32.const ${c})))`,
    );
    add(
      `rotl-xor-${ci}`,
      "i32",
      "i32",
      `(i32.xor (i32.rotl (local.get $x) (i32.const ${c})) (local.get $x))`,
    );
    add(
      `add3-${ci}`,
      "i32",
      "i32",
      `(i32.add (i32.add (local.get $x) (i32.mul (local.get $x) (i32.const ${c}))) (local.get $x))`,
    );
    add(
      `add3r-${ci}`,
      "i32",
      "i32",
      `(i32.add (i32.mul (local.get $x) (local.get $x)) (i32.add (local.get $x) (i32.const ${c})))`,
    );
    add(
      `eqz-if-${ci}`,
      "i32",
      "i32",
      `(if (result i32) (i32.eqz (i32.add (local.get $x) (i32.const ${c}))) (then (i32.const 1)) (else (i32.const 0)))`,
    );
  });
  i64Edges.forEach((c, ci) => {
    for (const op of i64Binary)
      add(`i64-${op}-${ci}`, "i64", "i64", `(i64.${op} (local.get $x) (i64.const ${c}))`);
  });
  return { text: `(module ${funcs.join("\n")})`, names, params };
}

describe("superinstructions", () => {
  it("compute what the unfused instructions compute", async () => {
    const { text, names, params } = buildModule();
    const instance = await instantiateWat(text);
    const native = (await nodeWasm.instantiate(await wat(text))).instance.exports;
    const inputs32 = [...i32Edges, 3, -3, 100, -100];
    const inputs64 = [...i64Edges, 5n, -5n, 0x123456789abcdefn];
    let checked = 0;
    names.forEach((name, i) => {
      const fn = instance.exports.get(name) as FunctionInstance;
      for (const x of params[i] === "i64" ? inputs64 : inputs32) {
        const expected = native[name]!(x);
        const [actual] = invoke(fn, [x]);
        if (actual !== expected) expect({ name, x, actual }).toEqual({ name, x, actual: expected });
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(5000);
    // the fused forms were emitted (i32.and_xor, i32.and_xor_imm, i32.add3, i64.mul_imm)
    const emitted = new Set((await compileWat(text)).functions.flatMap((f) => Array.from(f.code)));
    for (const op of [0x0c, 0x0d, 0xfc, 0x1b]) expect([op, emitted.has(op)]).toEqual([op, true]);
  });

  it("fuse f64 multiply-add, constant stores and consecutive copies without changing results", async () => {
    const text = `(module (memory 1)
      (func (export "madd") (param f64 f64 f64) (result f64) (f64.add (local.get 0) (f64.mul (local.get 1) (local.get 2))))
      (func (export "madd2") (param f64 f64 f64) (result f64) (f64.add (f64.mul (local.get 1) (local.get 2)) (local.get 0)))
      (func (export "add3") (param f64 f64 f64) (result f64) (f64.add (local.get 0) (f64.add (local.get 1) (local.get 2))))
      (func (export "add3l") (param f64 f64 f64) (result f64) (f64.add (f64.add (local.get 1) (local.get 2)) (local.get 0)))
      (func (export "mulload") (param f64 i32) (result f64)
        (f64.mul (local.get 0) (f64.load offset=8 (i32.add (local.get 1) (i32.const 8)))))
      (func (export "store") (param i32) (result i32)
        (i32.store (local.get 0) (i32.const -123456789))
        (i32.store8 offset=1 (local.get 0) (i32.const 300))
        (i32.load (local.get 0)))
      (func (export "rotate") (param i32) (result i32) (local i32 i32 i32 i32)
        (local.set 1 (i32.const 1)) (local.set 2 (i32.const 2)) (local.set 3 (i32.const 3))
        (loop
          (local.set 4 (local.get 1)) (local.set 1 (local.get 2)) (local.set 2 (local.get 3)) (local.set 3 (local.get 4))
          (local.set 3 (i32.add (local.get 3) (local.get 1)))
          (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
        (i32.add (i32.mul (local.get 1) (i32.const 1000)) (i32.add (i32.mul (local.get 2) (i32.const 100)) (local.get 3)))))`;
    const instance = await instantiateWat(text);
    const native = (await nodeWasm.instantiate(await wat(text))).instance.exports;
    const call = (name: string, ...args: number[]) =>
      invoke(instance.exports.get(name) as FunctionInstance, args)[0];
    const floats = [0, -0, 1.5, -2.25, 1e308, -1e308, Number.POSITIVE_INFINITY, Number.NaN, 5e-324, 3];
    for (const a of floats)
      for (const b of floats)
        for (const c of floats) {
          expect(call("madd", a, b, c)).toBe(native.madd!(a, b, c));
          expect(call("madd2", a, b, c)).toBe(native.madd2!(a, b, c));
          expect(call("add3", a, b, c)).toBe(native.add3!(a, b, c));
          expect(call("add3l", a, b, c)).toBe(native.add3l!(a, b, c));
        }
    for (const x of [0, 8, 65532]) expect(call("store", x)).toBe(native.store!(x));
    for (const [a, at] of [
      [1.5, 0],
      [-2, 8],
      [Number.NaN, 16],
      [3, 65512],
      [3, -8],
    ] as const) {
      call("store", 24);
      native.store!(24);
      expect(call("mulload", a, at)).toBe(native.mulload!(a, at));
    }
    expect(() => call("mulload", 1, 65521)).toThrow("out of bounds memory access");
    expect(() => call("store", 65533)).toThrow("out of bounds memory access");
    for (const n of [1, 2, 3, 7, 50]) expect(call("rotate", n)).toBe(native.rotate!(n));
    // ...and the fused forms were the ones that ran
    const functions = (await compileWat(text)).functions;
    const opcodes = (i: number) => Array.from(functions[i]!.code);
    expect(opcodes(0)[0]).toBe(0xf9);
    expect(opcodes(1)[0]).toBe(0xf9);
    expect(opcodes(2)[0]).toBe(0xfe);
    expect(opcodes(3)[0]).toBe(0xfe);
    expect(opcodes(4)[0]).toBe(0x02); // f64.mul_load_at
    expect(opcodes(5).slice(0, 5)).toEqual([0xfa, 0, -123456789, 0, 0xfb]);
    expect(opcodes(6)).toContain(0xf8); // copyN
  });

  it("add an address's constant inside loads and stores, wrapping and trapping as the pair does", async () => {
    const constants = [0, 4, 1024, -4, -1024, 65528, -0x80000000, 0x7fffffff];
    const funcs = constants.flatMap((c, ci) => [
      `(func (export "l32-${ci}") (param i32) (result i32) (i32.load offset=2 (i32.add (local.get 0) (i32.const ${c}))))`,
      `(func (export "l8-${ci}") (param i32) (result i32) (i32.load8_u (i32.add (local.get 0) (i32.const ${c}))))`,
      `(func (export "l64-${ci}") (param i32) (result i64) (i64.load offset=1 (i32.add (local.get 0) (i32.const ${c}))))`,
      `(func (export "lf64-${ci}") (param i32) (result f64) (f64.load (i32.add (local.get 0) (i32.const ${c}))))`,
      `(func (export "s32-${ci}") (param i32) (result i32)
        (i32.store offset=3 (i32.add (local.get 0) (i32.const ${c})) (i32.const 0x01020304))
        (i32.store8 (i32.add (local.get 0) (i32.const ${c})) (local.get 0))
        (i64.store offset=8 (i32.add (local.get 0) (i32.const ${c})) (i64.const -2))
        (f64.store offset=16 (i32.add (local.get 0) (i32.const ${c})) (f64.const 2.5))
        (i32.xor (i32.load offset=3 (local.get 0)) (i32.load offset=16 (local.get 0))))`,
      `(func (export "si-${ci}") (param i32) (result i32)
        (i32.store offset=2 (i32.add (local.get 0) (i32.const ${c})) (i32.const -7))
        (i32.store8 offset=1 (i32.add (local.get 0) (i32.const ${c})) (i32.const 300))
        (i32.load offset=2 (local.get 0)))`,
    ]);
    const text = `(module (memory 1) (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c") ${funcs.join("\n")})`;
    const names = constants.flatMap((_, ci) =>
      ["l32", "l8", "l64", "lf64", "s32", "si"].map((k) => `${k}-${ci}`),
    );
    const run = (f: () => unknown) => {
      try {
        return f();
      } catch (error) {
        return `trap: ${(error as Error).message}`;
      }
    };
    // Fresh instances per call: stores change memory.
    const xs = [0, 1, 4, 1024, 65530, -4, 0x7fffffff, -0x80000000];
    for (const name of names) {
      for (const x of xs) {
        const instance = await instantiateWat(text);
        const native = (await nodeWasm.instantiate(await wat(text))).instance.exports;
        const expected = run(() => native[name]!(x));
        const actual = run(() => invoke(instance.exports.get(name) as FunctionInstance, [x])[0]);
        const same =
          typeof expected === "string"
            ? typeof actual === "string" && actual.startsWith("trap")
            : actual === expected;
        if (!same) expect({ name, x, actual }).toEqual({ name, x, actual: expected });
      }
    }
    const { functions } = await compileWat(text);
    // c = 4: i32.load_at, straight into the result slot; c = 0 adds nothing: a plain i32.load
    expect(Array.from(functions[6]!.code).slice(0, 5)).toEqual([0xc7, 0, 0, 2, 4]);
    expect(Array.from(functions[0]!.code).slice(0, 4)).toEqual([0x28, 0, 0, 2]);
    const storeCode = Array.from(functions[11]!.code);
    expect(storeCode.slice(0, 10)).toEqual([0x04, 0, -7, 2, 4, 0x05, 0, 300, 1, 4]); // i32.store(8)_imm_at
  });

  it("step a loop counter and test it in one instruction", async () => {
    // the step as a constant (i32.add_imm) and from a register (i32.add)
    const loop = (step: number, test: string, register: boolean) => `(local $n i32) (local $s i32)
      (local.set $s (i32.const ${step}))
      (block $out (loop $l
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_if $out (i32.gt_u (local.get $n) (i32.const 50)))
        (local.set $x (i32.add (local.get $x) ${register ? "(local.get $s)" : `(i32.const ${step})`}))
        (br_if $l ${test})))
      (i32.add (i32.mul (local.get $n) (i32.const 65536)) (local.get $x))`;
    const steps = [1, -1, 3, 0, 0x7fffffff];
    const tests = [
      "(i32.ne (local.get $x) (local.get $t))",
      "(i32.ne (local.get $t) (local.get $x))",
      "(i32.ne (local.get $x) (i32.const 7))",
      "(i32.ne (local.get $x) (local.get $x))",
      "(i32.lt_s (local.get $x) (local.get $t))",
      "(i32.lt_u (local.get $x) (local.get $t))",
      "(i32.le_s (local.get $x) (local.get $t))",
      "(i32.le_u (local.get $x) (local.get $t))",
      "(i32.gt_s (local.get $x) (local.get $t))",
      "(i32.ge_u (local.get $x) (local.get $t))",
    ];
    const names: string[] = [];
    const funcs = steps.flatMap((step, si) =>
      tests.flatMap((test, ti) =>
        [false, true].map((register) => {
          const name = `f${si}-${ti}-${register ? "r" : "c"}`;
          names.push(name);
          return `(func (export "${name}") (param $x i32) (param $t i32) (result i32) ${loop(step, test, register)})`;
        }),
      ),
    );
    const text = `(module ${funcs.join("\n")})`;
    const instance = await instantiateWat(text);
    const native = (await nodeWasm.instantiate(await wat(text))).instance.exports;
    for (const name of names)
      for (const [x, t] of [
        [0, 5],
        [0, 7],
        [10, 4],
        [-2, 1],
        [0, 0],
        [0x7ffffffe, -0x80000000],
      ] as const) {
        expect([name, x, t, invoke(instance.exports.get(name) as FunctionInstance, [x, t])[0]]).toEqual([
          name,
          x,
          t,
          native[name]!(x, t),
        ]);
      }
    const emitted = new Set((await compileWat(text)).functions.flatMap((f) => Array.from(f.code)));
    // i32.add_imm_br_if_ne(_imm), i32.add_br_if_{ne, lt_s, lt_u, le_s, le_u}
    for (const op of [0xcf, 0xff, 0x0e, 0x0f, 0x10, 0x11, 0x1a])
      expect([op, emitted.has(op)]).toEqual([op, true]);
  });

  it("fold a constant operand into an immediate and a compare into its branch", async () => {
    const compiled = await compileWat(`(module
      (func (param i32) (result i32) (local i32)
        (loop (local.set 1 (i32.add (local.get 1) (i32.const 1)))
          (br_if 0 (i32.lt_s (local.get 1) (local.get 0))))
        (local.get 1)))`);
    const code = Array.from(compiled.functions[0]!.code);
    // i32.add_imm into local 1; br_if_lt_s back to pc 0 weighing the loop body (8 wasm instructions);
    // the result copied to slot 0; return.
    expect(code).toEqual([0xd3, 4, 4, 1, 0xed, 4, 0, 0, 8, 0x06, 0, 4, 0x14]);
  });
});

describe("identities", () => {
  it("compile `x + 0`, `x * 1`, `x & -1`, shifts by 0 ... to no instruction, with unchanged results", async () => {
    const forms = [
      "(i32.add (local.get 0) (i32.const 0))",
      "(i32.add (i32.const 0) (local.get 0))",
      "(i32.sub (local.get 0) (i32.const 0))",
      "(i32.mul (i32.const 1) (local.get 0))",
      "(i32.and (local.get 0) (i32.const -1))",
      "(i32.or (local.get 0) (i32.const 0))",
      "(i32.xor (i32.const 0) (local.get 0))",
      "(i32.shl (local.get 0) (i32.const 32))",
      "(i32.shr_s (local.get 0) (i32.const 0))",
      "(i32.rotr (local.get 0) (i32.const 64))",
    ];
    // Each identity's value is then used where a later write to its local must not change it.
    const text = `(module ${forms
      .map(
        (form, i) => `(func (export "f${i}") (param i32) (result i32) (local i32)
          (local.set 1 ${form}) (local.set 0 (i32.const 99))
          (i32.add (local.get 1) (i32.mul (local.get 0) (i32.const 1000))))
        (func (export "g${i}") (param i32) (result i32)
          ${form} (local.set 0 (i32.const 7)) (local.get 0) (i32.add))`,
      )
      .join("\n")})`;
    const instance = await instantiateWat(text);
    const native = (await nodeWasm.instantiate(await wat(text))).instance.exports;
    for (let i = 0; i < forms.length; i++)
      for (const x of [0, 1, -1, 5, 0x7fffffff, -0x80000000]) {
        for (const name of [`f${i}`, `g${i}`]) {
          const [actual] = invoke(instance.exports.get(name) as FunctionInstance, [x]);
          expect([name, x, actual]).toEqual([name, x, native[name]!(x)]);
        }
      }
    const plain = await compileWat(
      `(module (func (param i32) (result i32) (i32.add (local.get 0) (i32.const 0))))`,
    );
    // the parameter is already the result: just return
    expect(Array.from(plain.functions[0]!.code)).toEqual([0x14]);
  });
});

describe("traps inside fused instructions", () => {
  /** The byte offset of the first instruction with opcode `op` in function `index`'s body. */
  function offsetOf(bytes: Uint8Array, index: number, op: number): number {
    const { code } = parseModule(bytes).codes[index]!;
    for (let n = 0; n < code.count; n++) if (code.ops[code.starts[n]!] === op) return code.offsets[n]!;
    throw new Error(`no opcode ${op}`);
  }

  it("point at the instruction that trapped", async () => {
    const text = `(module (memory 1)
      (func (export "load") (param i32) (result i32)
        (i32.load offset=4 (i32.add (local.get 0) (i32.const 8))))
      (func (export "mulload") (param f64 i32) (result f64)
        (f64.mul (local.get 0) (f64.load (i32.add (local.get 1) (i32.const 8)))))
      (func (export "spin") (param i32) (result i32)
        (loop (local.set 0 (i32.add (local.get 0) (i32.const 1)))
          (br_if 0 (i32.ne (local.get 0) (i32.const -1))))
        (local.get 0)))`;
    const bytes = await wat(text);
    const instance = await instantiateWat(text);
    const trapOf = (f: () => unknown): RuntimeError => {
      try {
        f();
      } catch (error) {
        return error as RuntimeError;
      }
      throw new Error("no trap");
    };
    const load = trapOf(() => invoke(instance.exports.get("load") as FunctionInstance, [65530]));
    expect(load.message).toBe("out of bounds memory access");
    expect(load.wasmStack[0]!.offset).toBe(offsetOf(bytes, 0, 0x28));

    const stack = new ExecStack({ slots: 1024 });
    stack.setLimits({ instructions: 10_000 });
    const spin = trapOf(() => invoke(instance.exports.get("spin") as FunctionInstance, [0], stack));
    expect(spin.message).toBe("instruction limit exceeded");
    // the counted branch (add + br_if) reports the br_if, where the fuel is spent
    expect(spin.wasmStack[0]!.offset).toBe(offsetOf(bytes, 2, 0x0d));
    // f64.mul_load_at reports the load
    const mulload = trapOf(() => invoke(instance.exports.get("mulload") as FunctionInstance, [1, 65530]));
    expect(mulload.wasmStack[0]!.offset).toBe(offsetOf(bytes, 1, 0x2b));
  });
});
