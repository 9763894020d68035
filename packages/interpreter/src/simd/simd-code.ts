import { type OpcodeInfo, opcodes, PREFIX_FD_BASE, ValType } from "@microwasm/core";

/**
 * The internal code of SIMD instructions. Every one is
 *
 *   [Internal.simd, sub-opcode, dst?, operand..., immediate...]
 *
 * `dst` is present when the op has a result; operands are the frame-relative cells of its
 * inputs in wasm order; immediates are what the op needs of the wasm immediates:
 *   memarg: [offset]   memargLane: [offset, lane]   lane: [lane]   v128, shuffle: [w0, w1, w2, w3]
 * (the memory is memory 0 with 32-bit addresses: other accesses take execute-memory.ts; the
 * alignment is only a hint).
 *
 * The executor dispatches on the op's family: its operand layout and lane shape, derived here
 * from the opcode table (execute-simd.ts switches over these numbers as literals).
 */
export const SimdFamily = {
  none: 0,
  /** v128.const: [dst, w0..w3] */
  const: 1,
  /** i8x16.shuffle: [dst, a, b, w0..w3] */
  shuffle: 2,
  /** loads: [dst, addr, offset] */
  load: 3,
  /** v128.store: [addr, value, offset] */
  store: 4,
  /** v128.loadN_lane: [dst, addr, vec, offset, lane] */
  loadLane: 5,
  /** v128.storeN_lane: [addr, vec, offset, lane] */
  storeLane: 6,
  /** *.splat: [dst, x] */
  splat: 7,
  /** *.extract_lane: [dst, a, lane] */
  extractLane: 8,
  /** *.replace_lane: [dst, a, x, lane] */
  replaceLane: 9,
  /** v128.and/andnot/or/xor: [dst, a, b] */
  v128Binary: 10,
  /** v128.not: [dst, a] */
  v128Not: 11,
  /** v128.bitselect: [dst, a, b, mask] */
  bitselect: 12,
  /** v128.any_true: [dst, a] */
  anyTrue: 13,
  // Per integer shape: binary [dst, a, b], unary [dst, a], shift [dst, a, count] and
  // test (all_true, bitmask) [dst, a]; per float shape binary and unary. An op belongs to the
  // shape of its result (i8x16.narrow_i16x8_s is i8x16 binary).
  i8x16Binary: 14,
  i8x16Unary: 15,
  i8x16Shift: 16,
  i8x16Test: 17,
  i16x8Binary: 18,
  i16x8Unary: 19,
  i16x8Shift: 20,
  i16x8Test: 21,
  i32x4Binary: 22,
  i32x4Unary: 23,
  i32x4Shift: 24,
  i32x4Test: 25,
  i64x2Binary: 26,
  i64x2Unary: 27,
  i64x2Shift: 28,
  i64x2Test: 29,
  f32x4Binary: 30,
  f32x4Unary: 31,
  f64x2Binary: 32,
  f64x2Unary: 33,
  /** relaxed SIMD: [dst, a, b?, c?] (relaxed.ts) */
  relaxed: 34,
} as const;

/** The first (binary) family of each lane shape; unary, shift and test follow it. */
const shapeFamilyBase: Readonly<Record<string, number>> = {
  i8x16: SimdFamily.i8x16Binary,
  i16x8: SimdFamily.i16x8Binary,
  i32x4: SimdFamily.i32x4Binary,
  i64x2: SimdFamily.i64x2Binary,
  f32x4: SimdFamily.f32x4Binary,
  f64x2: SimdFamily.f64x2Binary,
};

/** Whether `types` is exactly `expected`. */
function typesAre(types: readonly ValType[], ...expected: ValType[]): boolean {
  return types.length === expected.length && types.every((t, i) => t === expected[i]);
}

function familyOf(info: OpcodeInfo): number {
  if (info.feature === "relaxedSimd") return SimdFamily.relaxed;
  const params = info.params ?? [];
  const results = info.results ?? [];
  const V = ValType.v128;
  switch (info.imm) {
    case "v128":
      return SimdFamily.const;
    case "shuffle":
      return SimdFamily.shuffle;
    case "memarg":
      return results.length > 0 ? SimdFamily.load : SimdFamily.store;
    case "memargLane":
      return results.length > 0 ? SimdFamily.loadLane : SimdFamily.storeLane;
    case "lane":
      return typesAre(params, V) ? SimdFamily.extractLane : SimdFamily.replaceLane;
  }
  const shape = info.name.slice(0, info.name.indexOf("."));
  const unary = typesAre(params, V) && typesAre(results, V);
  const binary = typesAre(params, V, V) && typesAre(results, V);
  if (params.length === 1 && params[0] !== V && typesAre(results, V)) return SimdFamily.splat;
  if (typesAre(params, V, V, V)) return SimdFamily.bitselect;
  if (shape === "v128") {
    if (binary) return SimdFamily.v128Binary;
    return unary ? SimdFamily.v128Not : SimdFamily.anyTrue;
  }
  const base = shapeFamilyBase[shape];
  if (base === undefined) throw new Error(`SIMD op ${info.name}: unknown lane shape`);
  if (binary) return base;
  if (unary) return base + 1;
  if (typesAre(params, V, ValType.i32) && typesAre(results, V)) return base + 2;
  if (typesAre(params, V) && typesAre(results, ValType.i32)) return base + 3;
  throw new Error(`SIMD op ${info.name}: no family for ${info.sig}`);
}

/** The family of each SIMD sub-opcode (0 for unassigned ones). */
export const simdFamily = new Uint8Array(0x200);
for (const info of opcodes) {
  if (info.prefix === 0xfd) simdFamily[info.code] = familyOf(info);
}

/** The immediates a SIMD op at `at` in the wasm `Code` keeps in internal code (see above). */
export function simdImmediates(op: number, ops: Int32Array, at: number): number[] {
  switch (simdFamily[op - PREFIX_FD_BASE]) {
    case SimdFamily.const:
    case SimdFamily.shuffle:
      return [ops[at + 1]!, ops[at + 2]!, ops[at + 3]!, ops[at + 4]!];
    case SimdFamily.load:
    case SimdFamily.store:
      return [ops[at + 3]!];
    case SimdFamily.loadLane:
    case SimdFamily.storeLane:
      return [ops[at + 3]!, ops[at + 5]!];
    case SimdFamily.extractLane:
    case SimdFamily.replaceLane:
      return [ops[at + 1]!];
    default:
      return [];
  }
}

/** The names of the immediate words a SIMD op keeps in internal code (see above), by sub-opcode. */
export function simdImmediateNames(sub: number): readonly string[] {
  switch (simdFamily[sub]) {
    case SimdFamily.const:
    case SimdFamily.shuffle:
      return ["w0", "w1", "w2", "w3"];
    case SimdFamily.load:
    case SimdFamily.store:
      return ["offset"];
    case SimdFamily.loadLane:
    case SimdFamily.storeLane:
      return ["offset", "lane"];
    case SimdFamily.extractLane:
    case SimdFamily.replaceLane:
      return ["lane"];
    default:
      return [];
  }
}
