import { type OpcodeInfo, opcodes, ValType, wasm3Features } from "@microwasm/core";
import {
  type CompiledModule,
  compileModule,
  ExecStack,
  type ExternalValue,
  type FunctionInstance,
  instantiateModule,
  invoke,
  type MemoryInstance,
  type ModuleInstance,
  type Value,
} from "@microwasm/interpreter";
import { parseModule } from "@microwasm/parser";
import { wat } from "@microwasm/test-support";
import { validateModule } from "@microwasm/validator";
import { describe, expect, it } from "vitest";
import { functionSource, type ModuleShape, translateAll, withAotTier } from "../src/index.js";

/** The module of `text` as the interpreter compiles it (relaxed SIMD included). */
async function compile(text: string): Promise<CompiledModule> {
  const bytes = await wat(text, { relaxed_simd: true });
  return compileModule(validateModule(parseModule(bytes, wasm3Features), wasm3Features));
}

/** The same module instantiated in both tiers. */
async function bothTiers(
  text: string,
  imports: (tier: "aot" | "interpreter") => ExternalValue[] = () => [],
): Promise<{ aot: ModuleInstance; interpreter: ModuleInstance; compiled: CompiledModule }> {
  const compiled = await compile(text);
  return {
    aot: instantiateModule(withAotTier(compiled), imports("aot")),
    interpreter: instantiateModule(compiled, imports("interpreter")),
    compiled,
  };
}

const fn = (instance: ModuleInstance, name: string) => instance.exports.get(name) as FunctionInstance;

/** A call's results as text (v128 as bytes, numbers with their sign of zero), or the trap's message. */
function outcome(f: FunctionInstance, args: readonly Value[]): string {
  try {
    return invoke(f, args)
      .map((v) => (v instanceof Uint8Array ? `<${v.join(",")}>` : Object.is(v, -0) ? "-0" : String(v)))
      .join(" ");
  } catch (error) {
    return `trap: ${(error as Error).message}`;
  }
}

const shapeOf = (compiled: CompiledModule): ModuleShape => ({
  types: compiled.module.types,
  funcTypes: compiled.validated.funcTypes,
  importedFunctions: compiled.validated.funcTypes.length - compiled.validated.functions.length,
  globals: compiled.validated.globalTypes,
  compiled: () => true,
  frameCells: () => 16,
  operandBaseCells: () => 8,
  memory0Is64: false,
});

/** A v128 from four little-endian words. */
function v128(...words: number[]): Uint8Array {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  words.forEach((w, k) => {
    view.setInt32(4 * k, w, true);
  });
  return bytes;
}

const words = (value: unknown): number[] => {
  const bytes = value as Uint8Array;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  return [0, 4, 8, 12].map((k) => view.getInt32(k, true));
};

/** Deterministic pseudo-random words (xorshift). */
function randomWords(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x | 0;
  };
}

const next = randomWords(0x5eed);
/** Operands with the lanes where implementations go wrong: NaNs of every kind, zeros, extremes. */
const vectors: Uint8Array[] = [
  v128(0, 0, 0, 0),
  v128(-1, -1, -1, -1),
  v128(0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c),
  v128(0x80808080 | 0, 0x7f7f7f7f, 0x80017fff, 0x00ff01fe),
  v128(0x7fa00001, 0xffc00123 | 0, 0x7f800000, 0x80000000 | 0), // f32: sNaN, -qNaN, +inf, -0
  v128(0x3fc00000, 0xc0100000 | 0, 0x7f7fffff, 0x00000001), // f32: 1.5, -2.25, max, denormal
  v128(0x00000001, 0x7ff00000, 0, 0xbff80000 | 0), // f64: sNaN, -1.5
  v128(0x00000001, 0x43400000, 0, 0x80000000 | 0), // f64: 2^53 + 2, -0
  v128(0x4f000000, 0xcf000000 | 0, 0x4f800000, 0x5f000000), // f32: 2^31, -2^31, 2^32, 2^63
  v128(0x7fff8000, 0x00010000, 0xffff0001 | 0, 0x80007fff | 0),
  ...Array.from({ length: 6 }, () => v128(next(), next(), next(), next())),
];
const scalars: Record<number, Value[]> = {
  [ValType.i32]: [0, 1, 7, 8, 15, 16, 31, 33, -1, 0x80000000 | 0, 0x7fffffff, 0x12345678, 0x7fa00001],
  [ValType.i64]: [0n, 1n, -1n, 0x7ff0000000000001n, -0x8000000000000000n, 0x123456789abcdefn],
};

/** How many lanes the shape of an op named `name` has. */
function laneCount(name: string): number {
  return { i8x16: 16, i16x8: 8, i32x4: 4, f32x4: 4, i64x2: 2, f64x2: 2 }[name.slice(0, 5)] ?? 0;
}

/**
 * A function per SIMD operation without memory (a lane op once per lane, shuffles with a few
 * patterns). f32/f64 scalars cross as their bits (i32/i64), so NaN payloads are compared too.
 */
function operationFunctions(
  infos: readonly OpcodeInfo[],
): { name: string; params: number[]; text: string }[] {
  const out: { name: string; params: number[]; text: string }[] = [];
  const asBits = (t: number) => (t === ValType.f32 ? ValType.i32 : t === ValType.f64 ? ValType.i64 : t);
  const typeName = (t: number) =>
    ({ [ValType.i32]: "i32", [ValType.i64]: "i64", [ValType.v128]: "v128" })[t]!;
  for (const info of infos) {
    const params = (info.params ?? []).map(Number);
    const results = (info.results ?? []).map(Number);
    const args = params
      .map((t, i) =>
        t === ValType.f32
          ? `(f32.reinterpret_i32 (local.get ${i}))`
          : t === ValType.f64
            ? `(f64.reinterpret_i64 (local.get ${i}))`
            : `(local.get ${i})`,
      )
      .join(" ");
    const wrap = (body: string) =>
      results[0] === ValType.f32
        ? `(i32.reinterpret_f32 ${body})`
        : results[0] === ValType.f64
          ? `(i64.reinterpret_f64 ${body})`
          : body;
    const signature = `(param ${params.map((t) => typeName(asBits(t))).join(" ")}) (result ${typeName(asBits(results[0]!))})`;
    const immediates =
      info.imm === "lane"
        ? Array.from({ length: laneCount(info.name) }, (_, lane) => String(lane))
        : info.imm === "shuffle"
          ? [
              "0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3",
              "16 17 18 19 4 5 6 7 24 25 26 27 12 13 14 15",
              "31 0 30 1 29 2 28 3 27 4 26 5 25 6 24 7",
              "0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23",
            ]
          : info.imm === "none"
            ? [""]
            : [];
    immediates.forEach((imm, k) => {
      const name = `${info.name}#${k}`;
      out.push({
        name,
        params: params.map(asBits),
        text: `(func (export "${name}") ${signature} ${wrap(`(${info.name} ${imm} ${args})`)})`,
      });
    });
  }
  return out;
}

/** Argument lists for `params`: every combination for one operand, a fixed sample beyond. */
function argumentLists(params: readonly number[]): Value[][] {
  const pool = (t: number): Value[] => (t === ValType.v128 ? vectors : scalars[t]!);
  const all: Value[][] = [[]];
  let lists = all;
  for (const t of params) lists = lists.flatMap((list) => pool(t).map((v) => [...list, v]));
  if (lists.length <= 300) return lists;
  const pick = randomWords(params.length * 7919);
  return Array.from({ length: 300 }, () => lists[(pick() >>> 0) % lists.length]!);
}

describe("SIMD in the AOT tier", () => {
  it("gives the interpreter's bits for every SIMD operation, relaxed SIMD included", async () => {
    const infos = opcodes.filter(
      (o) => o.prefix === 0xfd && o.imm !== "memarg" && o.imm !== "memargLane" && o.imm !== "v128",
    );
    const functions = operationFunctions(infos);
    const { aot, interpreter, compiled } = await bothTiers(
      `(module ${functions.map((f) => f.text).join("\n")})`,
    );
    expect(translateAll(withAotTier(compiled)).factories.every((f) => f !== null)).toBe(true);
    let calls = 0;
    for (const { name, params } of functions) {
      for (const args of argumentLists(params)) {
        const expected = outcome(fn(interpreter, name), args);
        const actual = outcome(fn(aot, name), args);
        if (actual !== expected)
          expect([name, args.map(String), actual]).toEqual([name, args.map(String), expected]);
        calls++;
      }
    }
    expect(calls).toBeGreaterThan(20_000);
  });

  it("loads and stores like the interpreter, trapping before any byte is written", async () => {
    const memoryOps = opcodes.filter(
      (o) => o.prefix === 0xfd && (o.imm === "memarg" || o.imm === "memargLane"),
    );
    const functions: string[] = [];
    const names: { name: string; store: boolean; lane: boolean }[] = [];
    for (const info of memoryOps) {
      const lanes = info.imm === "memargLane" ? 16 >> info.naturalAlign : 0;
      for (const offset of [0, 3, 65530]) {
        for (let lane = 0; lane < Math.max(lanes, 1); lane += Math.max(1, lanes - 1)) {
          const name = `${info.name}#${offset}#${lane}`;
          const imm = `offset=${offset} ${info.imm === "memargLane" ? lane : ""}`;
          const store = info.results === null || (info.results ?? []).length === 0;
          names.push({ name, store, lane: lanes > 0 });
          const operands =
            info.imm === "memargLane" || store ? "(local.get 0) (local.get 1)" : "(local.get 0)";
          functions.push(
            store
              ? `(func (export "${name}") (param i32 v128) (${info.name} ${imm} ${operands}))`
              : `(func (export "${name}") (param i32 v128) (result v128) (${info.name} ${imm} ${operands}))`,
          );
        }
      }
    }
    const { aot, interpreter } = await bothTiers(`(module (memory (export "memory") 1)
      (data (i32.const 65498) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\\11\\12\\13\\14\\15\\16\\17\\18\\19\\1a\\1b\\1c\\1d\\1e\\1f\\20\\21\\22\\23\\24\\25\\26")
      (data (i32.const 0) "\\80\\81\\ff\\7f\\00\\01\\fe\\02\\a0\\7f\\c0\\ff\\01\\00\\00\\80")
      ${functions.join("\n")})`);
    const memoryOf = (instance: ModuleInstance) => instance.exports.get("memory") as MemoryInstance;
    let traps = 0;
    for (const { name } of names) {
      for (const address of [0, 1, 7, 65500, 65520, 65528, 65533, 65535, 65536, -1, -16]) {
        const args = [address, vectors[4]!];
        const expected = outcome(fn(interpreter, name), args);
        const actual = outcome(fn(aot, name), args);
        expect([name, address, actual]).toEqual([name, address, expected]);
        if (expected.startsWith("trap")) traps++;
        expect(memoryOf(aot).u8.subarray(65400)).toEqual(memoryOf(interpreter).u8.subarray(65400));
      }
    }
    expect(traps).toBeGreaterThan(100);
    expect(memoryOf(aot).u8).toEqual(memoryOf(interpreter).u8);
    // A v128.store that does not fit writes nothing, and a lane load out of bounds is the spec's trap.
    const before = memoryOf(aot).u8.slice(65520);
    expect(outcome(fn(aot, "v128.store#0#0"), [65521, vectors[1]!])).toBe(
      "trap: out of bounds memory access",
    );
    expect(memoryOf(aot).u8.slice(65520)).toEqual(before);
    expect(outcome(fn(aot, "v128.load64_lane#0#1"), [65529, vectors[0]!])).toBe(
      "trap: out of bounds memory access",
    );
    expect(outcome(fn(aot, "v128.load64_lane#0#1"), [65528, vectors[0]!])).toBe(
      outcome(fn(interpreter, "v128.load64_lane#0#1"), [65528, vectors[0]!]),
    );
  });

  it("holds f32x4 results as floats between operations with the interpreter's bits", async () => {
    // Loads feeding arithmetic read floats, results stay floats until a store or any other use.
    const { aot, interpreter, compiled } = await bothTiers(`(module (memory (export "memory") 1)
      (func $id (param v128) (result v128) (local.get 0))
      (func (export "chain") (param i32 i32 i32)
        (v128.store offset=4096 (local.get 0)
          (f32x4.sqrt (f32x4.max (f32x4.div (f32x4.mul (v128.load (local.get 0)) (v128.load (local.get 1)))
            (f32x4.sub (v128.load (local.get 2)) (v128.load (local.get 0)))) (v128.load (local.get 1))))))
      (func (export "copy") (param i32 i32) (v128.store offset=4096 (local.get 0) (v128.load (local.get 1))))
      (func (export "broadcast") (param i32 i32 i32) (result v128)
        (f32x4.add
          (f32x4.mul (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (v128.load (local.get 0)) (v128.load (local.get 1)))
            (f32x4.sqrt (i8x16.shuffle 24 25 26 27 24 25 26 27 24 25 26 27 24 25 26 27 (v128.load (local.get 0)) (v128.load (local.get 1)))))
          (f32x4.splat (f32.load (local.get 2)))))
      (func (export "uses") (param i32 i32 i32) (result v128 i32 i32) (local $x v128)
        (local.tee $x (f32x4.min (v128.load (local.get 0)) (v128.load (local.get 1))))
        (i32x4.add (f32x4.add (local.get $x) (v128.load (local.get 2))))
        (block (param v128) (result v128)
          (f32x4.mul (v128.load (local.get 1)) (v128.load (local.get 2)))
          (br_if 0 (local.get 2)) (drop))
        (call $id (f32x4.div (v128.load (local.get 0)) (local.get $x)))
        (i32x4.add)
        (i32.reinterpret_f32 (f32x4.extract_lane 1 (f32x4.add (local.get $x) (local.get $x))))
        (v128.any_true
          (select (f32x4.neg (f32x4.sub (v128.load (local.get 0)) (local.get $x))) (local.get $x) (local.get 0)))))`);
    const source = functionSource(compiled.validated.functions[1]!, shapeOf(compiled));
    expect(source).toContain("DV.getFloat32(");
    expect(source).toContain("DV.setFloat32(");
    expect(source).not.toContain("VS[");
    const broadcast = functionSource(compiled.validated.functions[3]!, shapeOf(compiled));
    expect(broadcast).toMatch(/VS\[0\] = s\d+_2; \{ const v = VF\[0\];/);
    expect(broadcast).toMatch(/\{ const v = s\d+;/);
    const fill = (instance: ModuleInstance) => {
      const memory = instance.exports.get("memory") as MemoryInstance;
      vectors.forEach((v, i) => {
        memory.u8.set(v, 16 * i);
      });
      return memory;
    };
    const aotMemory = fill(aot);
    const interpreterMemory = fill(interpreter);
    const count = vectors.length;
    const pick = randomWords(42);
    for (let i = 0; i < 400; i++) {
      const slot = () => 16 * ((pick() >>> 0) % count);
      const a = slot();
      const b = slot();
      const c = slot();
      for (const [name, args] of [
        ["chain", [a, b, c]],
        ["copy", [a, b]],
        ["broadcast", [a, b, c + 4 * (i & 3)]],
        ["uses", [a, b, c]],
      ] as const) {
        expect([name, ...args, outcome(fn(aot, name), args)]).toEqual([
          name,
          ...args,
          outcome(fn(interpreter, name), args),
        ]);
      }
    }
    expect(aotMemory.u8).toEqual(interpreterMemory.u8);
    // A signalling NaN copied by load and store keeps its bits.
    invoke(fn(aot, "copy"), [8192, 64]);
    expect(words(aotMemory.u8.slice(8192 + 4096, 8192 + 4096 + 16))).toEqual(words(vectors[4]!));
  });

  it("keeps NaN bits through f32x4 and f64x2 lanes, loads, stores and sign operations", async () => {
    const { aot } = await bothTiers(`(module (memory 1)
      (func (export "through") (param i32) (result i32)
        (v128.store (i32.const 16) (f32x4.neg (f32x4.splat (f32.reinterpret_i32 (local.get 0)))))
        (i32.reinterpret_f32 (f32x4.extract_lane 2 (v128.load (i32.const 16)))))
      (func (export "replace") (param i32) (result v128)
        (f32x4.replace_lane 1 (v128.const i32x4 0 0 0 0) (f32.reinterpret_i32 (local.get 0))))
      (func (export "f64") (param i64) (result i64)
        (i64.reinterpret_f64 (f64x2.extract_lane 1 (f64x2.abs (f64x2.splat (f64.reinterpret_i64 (local.get 0))))))))`);
    for (const bits of [0x7fa00001, 0xffa00001 | 0, 0x7fc00000, 0x7f800001, 0x12345678]) {
      expect(invoke(fn(aot, "through"), [bits])).toEqual([(bits ^ 0x80000000) | 0]);
      expect(words(invoke(fn(aot, "replace"), [bits])[0])).toEqual([0, bits, 0, 0]);
    }
    expect(invoke(fn(aot, "f64"), [-0x000fffffffffffffn])).toEqual([0x7ff0000000000001n]);
  });

  it("passes v128 through calls, block results, branches, select and globals", async () => {
    const text = `(module
      (import "m" "peer" (func $peer (param v128 i64) (result i64 v128)))
      (global $g (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
      (func $swap (export "swap") (param v128 v128) (result v128 v128) (local.get 1) (local.get 0))
      (func $one (export "one") (param i64 v128 f64) (result v128)
        (i64x2.replace_lane 0 (local.get 1) (i64.add (local.get 0) (i64.trunc_f64_s (local.get 2)))))
      (func $down (export "down") (param v128 i32) (result v128)
        (if (result v128) (i32.eqz (local.get 1)) (then (local.get 0))
          (else (call $down (i32x4.add (local.get 0) (v128.const i32x4 1 0 0 1))
                            (i32.sub (local.get 1) (i32.const 1))))))
      (func (export "run") (param v128 v128 i32) (result v128) (local $x v128)
        (call $swap (local.get 0) (local.get 1))
        (i32x4.sub)
        (block $out (param v128) (result v128)
          (block $two (param v128) (result v128)
            (br_table $out $two $out (local.get 2)))
          (if (param v128) (result v128) (i32.and (local.get 2) (i32.const 2))
            (then (i8x16.neg)) (else (v128.not))))
        (local.tee $x)
        (global.set $g (select (global.get $g) (local.get $x) (local.get 2)))
        (call $one (i64.const 5) (global.get $g) (f64.const 2.5))
        (call $peer (i64.const 9))
        (local.set $x) (drop) (i32x4.add (local.get $x)))
      (func (export "multi") (param v128) (result i64 v128)
        (call $peer (local.get 0) (i64.const -1))
        (call $swap (v128.const i64x2 -1 1))
        (i64x2.add)
        (call $peer (i64.const 3))
        (local.set 0) (i64.add) (local.get 0)))`;
    // The peer is interpreted in both cases: calls with v128 cross tiers through the stack's cells.
    const peer = await bothTiers(`(module (func (export "peer") (param v128 i64) (result i64 v128)
      (local.get 1) (i64x2.mul (local.get 0) (i64x2.splat (local.get 1)))))`);
    const { aot, interpreter } = await bothTiers(text, () => [fn(peer.interpreter, "peer")]);
    for (const [a, b] of [
      [vectors[2]!, vectors[9]!],
      [vectors[4]!, vectors[12]!],
    ] as const) {
      for (const selector of [0, 1, 2, 3, 7]) {
        const expected = invoke(fn(interpreter, "run"), [a, b, selector]).map(words);
        expect(invoke(fn(aot, "run"), [a, b, selector]).map(words)).toEqual(expected);
        expect(words((aot.exports.get("g") as { value: Value }).value)).toEqual(
          words((interpreter.exports.get("g") as { value: Value }).value),
        );
      }
      const multi = (instance: ModuleInstance) =>
        invoke(fn(instance, "multi"), [a]).map((v) => (typeof v === "bigint" ? v : words(v)));
      expect(multi(aot)).toEqual(multi(interpreter));
    }
    // The interpreter calls compiled code with v128 arguments and results, and the other way round.
    const caller = await bothTiers(
      `(module (import "m" "swap" (func $swap (param v128 v128) (result v128 v128)))
        (func (export "call") (param v128 v128) (result v128) (call $swap (local.get 0) (local.get 1)) (i8x16.sub)))`,
      () => [fn(aot, "swap")],
    );
    expect(words(invoke(fn(caller.interpreter, "call"), [vectors[2]!, vectors[3]!])[0])).toEqual(
      words(invoke(fn(caller.aot, "call"), [vectors[2]!, vectors[3]!])[0]),
    );
    // Past the JS depth where compiled calls continue in the interpreter, v128 arguments too.
    const deep = invoke(fn(aot, "down"), [vectors[0]!, 3000], new ExecStack({ maxDepth: 10_000 }));
    expect(words(deep[0])).toEqual([3000, 0, 0, 3000]);
  });

  it("translates SIMD kernels with their hot operations inline", async () => {
    const compiled = await compile(`(module (memory 1)
      (func (export "saxpy") (param $n i32) (local $p i32) (local $a v128)
        (local.set $a (f32x4.splat (f32.const 0.5)))
        (loop $vec
          (v128.store offset=16384 (local.get $p)
            (f32x4.add (f32x4.mul (local.get $a) (v128.load (local.get $p))) (v128.load offset=16384 (local.get $p))))
          (br_if $vec (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (local.get $n)))))
      (func (export "count") (param $p i32) (result v128) (local $bytes v128)
        (local.set $bytes (i8x16.sub (local.get $bytes) (i8x16.eq (v128.load (local.get $p)) (i8x16.splat (i32.const 101)))))
        (local.set $bytes (i32x4.add (local.get $bytes) (i32x4.dot_i16x8_s (local.get $bytes) (local.get $bytes))))
        (i8x16.shuffle 0 1 2 3 0 1 2 3 8 9 10 11 12 13 14 15 (local.get $bytes) (local.get $bytes)))
      (func (export "rare") (param v128) (result v128) (i16x8.extadd_pairwise_i8x16_u (local.get 0))))`);
    const { factories } = translateAll(withAotTier(compiled));
    expect(factories.every((f) => f !== null)).toBe(true);
    const [saxpy, count, rare] = compiled.validated.functions.map((f) =>
      functionSource(f, shapeOf(compiled)),
    );
    expect(saxpy).not.toContain("simd(");
    expect(saxpy).toContain("DV.setFloat32(");
    expect(count).not.toContain("simd(");
    expect(rare).toContain("simd(K0, M);");
  });
});
