import { i64Mul } from "../numerics/index.js";
import { type LaneViews, scratch, storeScratch } from "./lane-views.js";

/**
 * i64x2 operations: 2 lanes of 64 bits, each two cells (low word first) as scalar i64s are
 * (see numerics/i64.ts). Lane k of the slot at cell `c` is cells `c + 2k` and `c + 2k + 1`.
 */

/** i64x2 operations of type [v128 v128] -> v128 (op is the SIMD sub-opcode). */
export function i64x2Binary(op: number, v: LaneViews, d: number, a: number, b: number): void {
  const I = v.i32;
  switch (op) {
    case 0xce: // i64x2.add
      for (let k = 0; k < 4; k += 2) {
        const lo = (I[a + k]! >>> 0) + (I[b + k]! >>> 0);
        I[d + k + 1] = (I[a + k + 1]! + I[b + k + 1]! + (lo > 0xffffffff ? 1 : 0)) | 0;
        I[d + k] = lo | 0;
      }
      return;
    case 0xd1: // i64x2.sub
      for (let k = 0; k < 4; k += 2) {
        const xl = I[a + k]! >>> 0;
        const yl = I[b + k]! >>> 0;
        I[d + k + 1] = (I[a + k + 1]! - I[b + k + 1]! - (xl < yl ? 1 : 0)) | 0;
        I[d + k] = (xl - yl) | 0;
      }
      return;
    case 0xd5: // i64x2.mul (i64Mul reads a lane's operands before writing it)
      i64Mul(I, d, a, b);
      i64Mul(I, d + 2, a + 2, b + 2);
      return;
    case 0xd6: // i64x2.eq
    case 0xd7: // i64x2.ne
    case 0xd8: // i64x2.lt_s
    case 0xd9: // i64x2.gt_s
    case 0xda: // i64x2.le_s
    case 0xdb: // i64x2.ge_s
      for (let k = 0; k < 4; k += 2) {
        const r = compare(op, I[a + k]!, I[a + k + 1]!, I[b + k]!, I[b + k + 1]!) ? -1 : 0;
        I[d + k] = r;
        I[d + k + 1] = r;
      }
      return;
    case 0xdc: // i64x2.extmul_low_i32x4_s
    case 0xdd: // i64x2.extmul_high_i32x4_s
    case 0xde: // i64x2.extmul_low_i32x4_u
    case 0xdf: {
      // i64x2.extmul_high_i32x4_u: the operands widened to i64 in scratch cells 4-11, then
      // multiplied into cells 0-3
      const R = scratch.i32;
      const signed = op <= 0xdd;
      const first = (op - 0xdc) & 1 ? 2 : 0;
      for (let k = 0; k < 2; k++) {
        const x = I[a + first + k]!;
        const y = I[b + first + k]!;
        R[4 + 4 * k] = x;
        R[5 + 4 * k] = signed ? x >> 31 : 0;
        R[6 + 4 * k] = y;
        R[7 + 4 * k] = signed ? y >> 31 : 0;
        i64Mul(R, 2 * k, 4 + 4 * k, 6 + 4 * k);
      }
      storeScratch(I, d);
      return;
    }
  }
}

/** i64x2 operations of type v128 -> v128. */
export function i64x2Unary(op: number, v: LaneViews, d: number, a: number): void {
  const I = v.i32;
  switch (op) {
    case 0xc0: // i64x2.abs
    case 0xc1: // i64x2.neg
      for (let k = 0; k < 4; k += 2) {
        const lo = I[a + k]!;
        const hi = I[a + k + 1]!;
        if (op === 0xc0 && hi >= 0) {
          I[d + k] = lo;
          I[d + k + 1] = hi;
        } else {
          I[d + k] = -lo | 0;
          I[d + k + 1] = (~hi + (lo === 0 ? 1 : 0)) | 0;
        }
      }
      return;
    case 0xc7: // i64x2.extend_low_i32x4_s
    case 0xc8: // i64x2.extend_high_i32x4_s
    case 0xc9: // i64x2.extend_low_i32x4_u
    case 0xca: {
      // i64x2.extend_high_i32x4_u
      const first = a + ((op - 0xc7) & 1) * 2;
      const x = I[first]!;
      const y = I[first + 1]!;
      const signed = op <= 0xc8;
      I[d] = x;
      I[d + 1] = signed ? x >> 31 : 0;
      I[d + 2] = y;
      I[d + 3] = signed ? y >> 31 : 0;
      return;
    }
  }
}

/** i64x2.shl/shr_s/shr_u: the count is the i32 at cell `count`, modulo 64. */
export function i64x2Shift(op: number, v: LaneViews, d: number, a: number, count: number): void {
  const I = v.i32;
  const n = I[count]! & 63;
  for (let k = 0; k < 4; k += 2) {
    const lo = I[a + k]!;
    const hi = I[a + k + 1]!;
    let rl = lo;
    let rh = hi;
    if (n === 0) {
      // JS shifts take their count modulo 32, so 0 and 32-63 are cases of their own
    } else if (op === 0xcb) {
      // i64x2.shl
      rl = n < 32 ? lo << n : 0;
      rh = n < 32 ? (hi << n) | (lo >>> (32 - n)) : lo << (n - 32);
    } else if (op === 0xcc) {
      // i64x2.shr_s
      rl = n < 32 ? (lo >>> n) | (hi << (32 - n)) : hi >> (n - 32);
      rh = n < 32 ? hi >> n : hi >> 31;
    } else {
      // i64x2.shr_u
      rl = n < 32 ? (lo >>> n) | (hi << (32 - n)) : hi >>> (n - 32);
      rh = n < 32 ? hi >>> n : 0;
    }
    I[d + k] = rl;
    I[d + k + 1] = rh;
  }
}

/** i64x2.all_true and i64x2.bitmask: the i32 result. */
export function i64x2Test(op: number, v: LaneViews, a: number): number {
  const I = v.i32;
  if (op === 0xc3) return (I[a]! | I[a + 1]!) !== 0 && (I[a + 2]! | I[a + 3]!) !== 0 ? 1 : 0;
  return (I[a + 1]! >>> 31) | ((I[a + 3]! >>> 31) << 1);
}

/** The i64x2 comparison `op` of (xh:xl) and (yh:yl). */
function compare(op: number, xl: number, xh: number, yl: number, yh: number): boolean {
  switch (op) {
    case 0xd6:
      return xl === yl && xh === yh;
    case 0xd7:
      return xl !== yl || xh !== yh;
    case 0xd8:
      return xh < yh || (xh === yh && xl >>> 0 < yl >>> 0);
    case 0xd9:
      return xh > yh || (xh === yh && xl >>> 0 > yl >>> 0);
    case 0xda:
      return xh < yh || (xh === yh && xl >>> 0 <= yl >>> 0);
    default:
      return xh > yh || (xh === yh && xl >>> 0 >= yl >>> 0);
  }
}
