import { type LaneViews, scratch, storeScratch } from "./lane-views.js";

/**
 * Moving scalars into and out of lanes, and bytes between vectors. Floats move as bits through
 * the Int32Array view (an f32 is one cell, an f64 two), so NaN payloads survive.
 */

/** i8x16/i16x8/i32x4/i64x2/f32x4/f64x2.splat of the scalar at cell `x` (op is the sub-opcode). */
export function splat(op: number, v: LaneViews, d: number, x: number): void {
  const I = v.i32;
  let lo = I[x]!;
  let hi = lo;
  switch (op) {
    case 0x0f: // i8x16.splat
      lo = Math.imul(lo & 0xff, 0x01010101);
      hi = lo;
      break;
    case 0x10: // i16x8.splat
      lo = Math.imul(lo & 0xffff, 0x00010001);
      hi = lo;
      break;
    case 0x12: // i64x2.splat
    case 0x14: // f64x2.splat
      hi = I[x + 1]!;
      break;
    // 0x11 i32x4.splat and 0x13 f32x4.splat: every cell is the scalar
  }
  I[d] = lo;
  I[d + 1] = hi;
  I[d + 2] = lo;
  I[d + 3] = hi;
}

/** *.extract_lane: writes lane `lane` of the vector at cell `a` as a scalar at cell `d`. */
export function extractLane(op: number, v: LaneViews, d: number, a: number, lane: number): void {
  const I = v.i32;
  switch (op) {
    case 0x15: // i8x16.extract_lane_s
      I[d] = v.i8[(a << 2) + lane]!;
      return;
    case 0x16: // i8x16.extract_lane_u
      I[d] = v.u8[(a << 2) + lane]!;
      return;
    case 0x18: // i16x8.extract_lane_s
      I[d] = v.i16[(a << 1) + lane]!;
      return;
    case 0x19: // i16x8.extract_lane_u
      I[d] = v.u16[(a << 1) + lane]!;
      return;
    case 0x1b: // i32x4.extract_lane
    case 0x1f: // f32x4.extract_lane
      I[d] = I[a + lane]!;
      return;
    default: {
      // 0x1d i64x2.extract_lane, 0x21 f64x2.extract_lane
      const lo = I[a + 2 * lane]!;
      const hi = I[a + 2 * lane + 1]!;
      I[d] = lo;
      I[d + 1] = hi;
    }
  }
}

/** *.replace_lane: the vector at cell `a` with lane `lane` set to the scalar at cell `x`. */
export function replaceLane(op: number, v: LaneViews, d: number, a: number, x: number, lane: number): void {
  const I = v.i32;
  const lo = I[x]!;
  const hi = I[x + 1]!;
  if (d !== a) {
    I[d] = I[a]!;
    I[d + 1] = I[a + 1]!;
    I[d + 2] = I[a + 2]!;
    I[d + 3] = I[a + 3]!;
  }
  switch (op) {
    case 0x17: // i8x16.replace_lane
      v.u8[(d << 2) + lane] = lo;
      return;
    case 0x1a: // i16x8.replace_lane
      v.u16[(d << 1) + lane] = lo;
      return;
    case 0x1c: // i32x4.replace_lane
    case 0x20: // f32x4.replace_lane
      I[d + lane] = lo;
      return;
    default:
      // 0x1e i64x2.replace_lane, 0x22 f64x2.replace_lane
      I[d + 2 * lane] = lo;
      I[d + 2 * lane + 1] = hi;
  }
}

/**
 * i8x16.shuffle: byte k of the result is byte `s_k` of the 32-byte concatenation a ++ b; the
 * 16 lane indices (each < 32, checked by the validator) are packed little-endian in the four
 * words `w0`..`w3`.
 */
export function shuffle(
  v: LaneViews,
  d: number,
  a: number,
  b: number,
  w0: number,
  w1: number,
  w2: number,
  w3: number,
): void {
  const c0 = cellOf(w0);
  const c1 = cellOf(w1);
  const c2 = cellOf(w2);
  const c3 = cellOf(w3);
  if ((c0 | c1 | c2 | c3) >= 0) {
    // Whole 32-bit lanes (broadcasts, 32-bit permutes): four cell moves
    const I = v.i32;
    const x0 = I[c0 < 4 ? a + c0 : b + c0 - 4]!;
    const x1 = I[c1 < 4 ? a + c1 : b + c1 - 4]!;
    const x2 = I[c2 < 4 ? a + c2 : b + c2 - 4]!;
    const x3 = I[c3 < 4 ? a + c3 : b + c3 - 4]!;
    I[d] = x0;
    I[d + 1] = x1;
    I[d + 2] = x2;
    I[d + 3] = x3;
    return;
  }
  const U = v.u8;
  const R = scratch.u8;
  const aa = a << 2;
  const bb = (b << 2) - 16;
  for (let k = 0; k < 16; k++) {
    const word = k < 8 ? (k < 4 ? w0 : w1) : k < 12 ? w2 : w3;
    const s = (word >>> ((k & 3) << 3)) & 0xff;
    R[k] = U[s < 16 ? aa + s : bb + s]!;
  }
  storeScratch(v.i32, d);
}

/** The cell (0-7 of a ++ b) a shuffle word selects when it picks one whole aligned cell, else -1. */
function cellOf(word: number): number {
  const first = word & 0xff;
  return (first & 3) === 0 && word === first * 0x01010101 + 0x03020100 ? first >> 2 : -1;
}

/** v128.const */
export function v128Const(v: LaneViews, d: number, w0: number, w1: number, w2: number, w3: number): void {
  const I = v.i32;
  I[d] = w0;
  I[d + 1] = w1;
  I[d + 2] = w2;
  I[d + 3] = w3;
}
