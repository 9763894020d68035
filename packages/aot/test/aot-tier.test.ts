import { RuntimeError, ValType, wasm2Features } from "@microwasm/core";
import {
  type CompiledModule,
  compileModule,
  createHostFunction,
  ExecStack,
  type ExternalValue,
  type FunctionInstance,
  GlobalInstance,
  instantiateModule,
  invoke,
  MemoryInstance,
  type ModuleInstance,
} from "@microwasm/interpreter";
import { parseModule } from "@microwasm/parser";
import { wat } from "@microwasm/test-support";
import { validateModule } from "@microwasm/validator";
import { describe, expect, it } from "vitest";
import {
  canGenerateCode,
  functionSource,
  precompiledSource,
  translateAll,
  withAotTier,
} from "../src/index.js";

async function compile(text: string, tier: "aot" | "interpreter" = "aot"): Promise<CompiledModule> {
  const compiled = compileModule(validateModule(parseModule(await wat(text), wasm2Features), wasm2Features));
  return tier === "aot" ? withAotTier(compiled) : compiled;
}

async function instantiate(
  text: string,
  imports: ExternalValue[] = [],
  tier: "aot" | "interpreter" = "aot",
): Promise<ModuleInstance> {
  return instantiateModule(await compile(text, tier), imports);
}

const fn = (instance: ModuleInstance, name: string) => instance.exports.get(name) as FunctionInstance;

// Modules written as bytes, for bodies wabt cannot write (3,000 nested blocks overflow its parser).
const leb = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...leb(n >>> 7)]);
const section = (id: number, bytes: number[]): number[] => [id, ...leb(bytes.length), ...bytes];
const name = (text: string): number[] => [text.length, ...[...text].map((c) => c.charCodeAt(0))];

describe("the AOT tier", () => {
  it("is available on this host (Node allows code generation)", () => {
    expect(canGenerateCode()).toBe(true);
  });

  it("runs recursion, loops and i64 arithmetic with the interpreter's results", async () => {
    const text = `(module
      (func $fib (export "fib") (param i32) (result i32)
        (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                         (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
      (func (export "mix") (param i64 i64) (result i64)
        (i64.xor (i64.rotl (i64.mul (local.get 0) (local.get 1)) (i64.const 13))
                 (i64.shr_u (local.get 0) (i64.clz (local.get 1)))))
      (func (export "sum") (param i32) (result i64) (local i64)
        (block $done (loop $next
          (br_if $done (i32.eqz (local.get 0)))
          (local.set 1 (i64.add (local.get 1) (i64.extend_i32_u (local.get 0))))
          (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
          (br $next)))
        (local.get 1)))`;
    const aot = await instantiate(text);
    const interp = await instantiate(text, [], "interpreter");
    for (const [name, args] of [
      ["fib", [20]],
      ["mix", [-0x123456789abcdefn, 0x7fffffffffffffffn]],
      ["mix", [-1n, 3n]],
      ["sum", [10000]],
    ] as const) {
      expect(invoke(fn(aot, name), args)).toEqual(invoke(fn(interp, name), args));
    }
    expect(invoke(fn(aot, "fib"), [20])).toEqual([6765]);
  });

  it("traps with the spec's messages", async () => {
    const instance = await instantiate(`(module (memory 1)
      (table 2 funcref) (elem (i32.const 0) $f) (type $t (func (result i64)))
      (func $f (result i32) (i32.const 1))
      (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
      (func (export "load") (param i32) (result i64) (i64.load offset=4 (local.get 0)))
      (func (export "trunc") (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
      (func (export "indirect") (param i32) (result i64) (call_indirect (type $t) (local.get 0))))`);
    const trap = (name: string, args: (number | bigint)[]) => {
      try {
        invoke(fn(instance, name), args);
      } catch (e) {
        expect(e).toBeInstanceOf(RuntimeError);
        // The wasm stack comes from the JS one: the trapping function is its first frame.
        expect((e as RuntimeError).wasmStack[0]?.funcIndex).toBe(fn(instance, name).index);
        return (e as Error).message;
      }
      return "no trap";
    };
    expect(trap("div", [1, 0])).toBe("integer divide by zero");
    expect(trap("div", [-0x80000000, -1])).toBe("integer overflow");
    expect(trap("load", [65536 - 11])).toBe("out of bounds memory access");
    expect(invoke(fn(instance, "load"), [65536 - 12])).toEqual([0n]);
    expect(trap("load", [-1])).toBe("out of bounds memory access");
    expect(trap("trunc", [Number.NaN])).toBe("invalid conversion to integer");
    expect(trap("trunc", [4294967296])).toBe("integer overflow");
    expect(trap("indirect", [0])).toBe("indirect call type mismatch");
    expect(trap("indirect", [1])).toBe("uninitialized element 1");
    expect(trap("indirect", [2])).toBe("undefined element");
  });

  it("stores nothing on an out-of-bounds store and passes a host's RangeError through unchanged", async () => {
    const thrown = new RangeError("the host's own");
    const host = createHostFunction({ params: [], results: [] }, () => {
      throw thrown;
    });
    const instance = await instantiate(
      `(module (import "m" "host" (func $host)) (memory (export "memory") 1)
        (func (export "store") (param i32) (i64.store (local.get 0) (i64.const -1)))
        (func (export "call") (param i32) (result i32) (call $host) (i32.load (local.get 0))))`,
      [host],
    );
    expect(() => invoke(fn(instance, "store"), [65536 - 4])).toThrow("out of bounds memory access");
    const memory = instance.exports.get("memory") as MemoryInstance;
    expect([...memory.u8.subarray(65536 - 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => invoke(fn(instance, "call"), [0])).toThrow(thrown);
  });

  it("keeps NaN bit patterns through loads, stores, reinterprets and sign operations", async () => {
    const instance = await instantiate(`(module (memory 1)
      (func (export "roundtrip32") (param i32) (result i32)
        (f32.store (i32.const 8) (f32.load (i32.const 0) (i32.store (i32.const 0) (local.get 0))))
        (i32.load (i32.const 8)))
      (func (export "neg32") (param i32) (result i32) (i32.reinterpret_f32 (f32.neg (f32.reinterpret_i32 (local.get 0)))))
      (func (export "copysign64") (param i64 f64) (result i64)
        (i64.reinterpret_f64 (f64.copysign (f64.reinterpret_i64 (local.get 0)) (local.get 1))))
      (func (export "const32") (result i32) (i32.reinterpret_f32 (f32.const nan:0x200001))))`);
    for (const bits of [0x7fa00000, 0xffa00001 | 0, 0x7fc00000, 0x7f800001, 0x12345678]) {
      expect(invoke(fn(instance, "roundtrip32"), [bits])).toEqual([bits]);
    }
    expect(invoke(fn(instance, "neg32"), [0x7fa00000])).toEqual([0xffa00000 | 0]);
    expect(invoke(fn(instance, "copysign64"), [0x7ff4000000000001n, -1])).toEqual([-0xbffffffffffffn]);
    expect(invoke(fn(instance, "const32"), [])).toEqual([0x7fa00001]);
  });

  it("links with interpreted instances both ways over one memory, global and table", async () => {
    const memory = new MemoryInstance({ limits: { min: 1 }, shared: false });
    const counter = new GlobalInstance({ type: ValType.i32, mutable: true }, 0);
    const provider = await instantiate(
      `(module (import "m" "mem" (memory 1)) (import "m" "g" (global $g (mut i32)))
        (func (export "bump") (param i32) (result i32)
          (global.set $g (i32.add (global.get $g) (local.get 0)))
          (i32.store (i32.const 0) (global.get $g)) (global.get $g)))`,
      [memory, counter],
      "interpreter",
    );
    const log: number[] = [];
    const host = createHostFunction({ params: [ValType.i32], results: [] }, ([x]) => {
      log.push(x as number);
      return [];
    });
    const user = await instantiate(
      `(module (import "m" "mem" (memory 1)) (import "m" "bump" (func $bump (param i32) (result i32)))
        (import "m" "log" (func $log (param i32)))
        (func (export "run") (result i32)
          (call $log (call $bump (i32.const 5)))
          (drop (memory.grow (i32.const 1)))
          (i32.add (call $bump (i32.const 2)) (i32.load (i32.const 0)))))`,
      [memory, fn(provider, "bump"), host],
    );
    expect(invoke(fn(user, "run"), [])).toEqual([14]);
    expect(log).toEqual([5]);
    expect(counter.value).toBe(7);
    expect(memory.pages).toBe(2);
    // And the interpreter calls the AOT function back through the same store.
    const caller = await instantiate(
      `(module (import "m" "run" (func $run (result i32))) (func (export "twice") (result i32)
        (i32.add (call $run) (call $run))))`,
      [fn(user, "run")],
      "interpreter",
    );
    // The global is at 7: the first run leaves it at 14 and returns 28, the second 21 and 42.
    expect(invoke(fn(caller, "twice"), [])).toEqual([70]);
  });

  it("turns unbounded recursion into 'call stack exhausted' and stays usable", async () => {
    const instance = await instantiate(`(module
      (func $down (export "down") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`);
    const down = fn(instance, "down");
    expect(() => invoke(down, [-1])).toThrow("call stack exhausted");
    expect(invoke(down, [1000])).toEqual([1000]);
    const shallow = new ExecStack({ maxDepth: 50 });
    expect(() => invoke(down, [100], shallow)).toThrow("call stack exhausted");
    expect(invoke(down, [40], shallow)).toEqual([40]);
    // Deeper than the JS stack holds: the calls past some depth run in the interpreter's loop.
    expect(invoke(down, [100_000], new ExecStack({ maxDepth: 200_000 }))).toEqual([100_000]);
  });

  it("spends fuel at loop back-edges, so instruction limits and terminate requests hold", async () => {
    const instance = await instantiate(`(module (func (export "spin") (loop $l (br $l))))`);
    const stack = new ExecStack();
    stack.setLimits({ instructions: 100_000 });
    expect(() => invoke(fn(instance, "spin"), [], stack)).toThrow("instruction limit exceeded");
    stack.setLimits({ timeoutMs: 20 });
    expect(() => invoke(fn(instance, "spin"), [], stack)).toThrow("execution timed out");
  });

  it("compiles functions that use SIMD, called from compiled code (more in simd.test.ts)", async () => {
    const text = `(module
      (func $lanes (param i32) (result i32) (i32x4.extract_lane 2 (i32x4.splat (local.get 0))))
      (func (export "call") (param i32) (result i32) (i32.mul (call $lanes (local.get 0)) (i32.const 2))))`;
    expect(translateAll(await compile(text)).factories.every((f) => f !== null)).toBe(true);
    expect(invoke(fn(await instantiate(text), "call"), [21])).toEqual([42]);
  });

  it("leaves functions nested deeper than V8 can parse to the interpreter", () => {
    // (func (export "deep"|"flat") (param i32) (result i32)): "deep" opens 3,000 nested blocks
    // (as JS statements, too deep for V8's parser) before adding 1 to its argument 40 times.
    // Written as bytes: wabt's own parser overflows its stack on it.
    const adds = Array.from({ length: 40 }, () => [0x20, 0, 0x41, 1, 0x6a, 0x21, 0]).flat();
    const body = (depth: number): number[] => {
      const code = [
        0,
        ...Array(depth).fill([0x02, 0x40]).flat(),
        ...Array(depth).fill(0x0b),
        ...adds,
        0x20,
        0,
        0x0b,
      ];
      return [...leb(code.length), ...code];
    };
    const bytes = new Uint8Array([
      ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
      ...section(1, [1, 0x60, 1, 0x7f, 1, 0x7f]),
      ...section(3, [2, 0, 0]),
      ...section(7, [2, ...name("deep"), 0, 0, ...name("flat"), 0, 1]),
      ...section(10, [2, ...body(3000), ...body(0)]),
    ]);
    const compiled = withAotTier(
      compileModule(validateModule(parseModule(bytes, wasm2Features), wasm2Features)),
    );
    expect(translateAll(compiled).factories.map((f) => f !== null)).toEqual([false, true]);
    expect(precompiledSource(compiled).startsWith("[\nnull,")).toBe(true);
    const instance = instantiateModule(compiled, []);
    expect(invoke(fn(instance, "deep"), [1])).toEqual([41]);
    expect(invoke(fn(instance, "flat"), [1])).toEqual([41]);
  });

  it("runs compiled the functions that interpreted code calls, and their traps come back through it", () => {
    // "outer" (3,000 nested blocks: interpreted) calls "divide" (1000 / its argument): the
    // callee runs compiled (its entry is its translation, named f1), and its trap comes back
    // through the interpreter's frame.
    const blocks = 3000;
    const outer = [
      0,
      ...Array(blocks).fill([0x02, 0x40]).flat(),
      ...Array(blocks).fill(0x0b),
      0x20,
      0,
      0x10,
      1,
      0x0b,
    ];
    const divide = [0, 0x41, 0xe8, 0x07, 0x20, 0, 0x6e, 0x0b];
    const bytes = new Uint8Array([
      ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0],
      ...section(1, [1, 0x60, 1, 0x7f, 1, 0x7f]),
      ...section(3, [2, 0, 0]),
      ...section(7, [2, ...name("outer"), 0, 0, ...name("divide"), 0, 1]),
      ...section(10, [2, ...leb(outer.length), ...outer, ...leb(divide.length), ...divide]),
    ]);
    const instance = instantiateModule(
      withAotTier(compileModule(validateModule(parseModule(bytes, wasm2Features), wasm2Features))),
      [],
    );
    const callee = fn(instance, "divide");
    expect(callee.unmeteredEntry?.name).not.toBe("f1");
    expect(invoke(fn(instance, "outer"), [8])).toEqual([125]);
    expect(callee.unmeteredEntry?.name).toBe("f1");
    expect(() => invoke(fn(instance, "outer"), [0])).toThrow("integer divide by zero");
    // Under a limit the metered variant is the one entered.
    const limited = new ExecStack();
    limited.setLimits({ instructions: 1e9 });
    expect(invoke(fn(instance, "outer"), [10], limited)).toEqual([100]);
    expect(callee.tierEntry?.name).toBe("f1");
  });

  it("translates a body to JavaScript with labelled blocks and JS variables", async () => {
    const compiled = await compile(`(module (func (param i32) (result i32)
      (block $b (br_if $b (local.get 0))) (i32.add (local.get 0) (i32.const 1))))`);
    const { module } = compiled.validated;
    const source = functionSource(compiled.validated.functions[0]!, {
      types: module.types,
      funcTypes: compiled.validated.funcTypes,
      importedFunctions: 0,
      globals: [],
      compiled: () => true,
      frameCells: () => 16,
      operandBaseCells: () => 8,
      memory0Is64: false,
    });
    expect(source).toContain("break L");
    // The local and the constant are read in place, not copied to stack variables first.
    expect(source).toContain("s0 = (l0 + 1) | 0;");
    expect(source).not.toContain("s1 = 1;");
  });
});
