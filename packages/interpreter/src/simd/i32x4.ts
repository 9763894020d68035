import { i32TruncSatF32S, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U } from "../numerics/index.js";
import { type LaneViews, scratch, storeScratch } from "./lane-views.js";

/**
 * i32x4 operations: 4 lanes of 32 bits, one cell each. As for i8x16 (see i8x16.ts): lane-wise
 * loops work in place, cross-lane results go through `scratch`.
 */

/** i32x4 operations of type [v128 v128] -> v128 (op is the SIMD sub-opcode). */
export function i32x4Binary(op: number, v: LaneViews, d: number, a: number, b: number): void {
  const I = v.i32;
  switch (op) {
    case 0x37: // i32x4.eq
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k] === I[b + k] ? -1 : 0;
      return;
    case 0x38: // i32x4.ne
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k] !== I[b + k] ? -1 : 0;
      return;
    case 0x39: // i32x4.lt_s
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! < I[b + k]! ? -1 : 0;
      return;
    case 0x3a: // i32x4.lt_u
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! >>> 0 < I[b + k]! >>> 0 ? -1 : 0;
      return;
    case 0x3b: // i32x4.gt_s
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! > I[b + k]! ? -1 : 0;
      return;
    case 0x3c: // i32x4.gt_u
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! >>> 0 > I[b + k]! >>> 0 ? -1 : 0;
      return;
    case 0x3d: // i32x4.le_s
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! <= I[b + k]! ? -1 : 0;
      return;
    case 0x3e: // i32x4.le_u
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! >>> 0 <= I[b + k]! >>> 0 ? -1 : 0;
      return;
    case 0x3f: // i32x4.ge_s
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! >= I[b + k]! ? -1 : 0;
      return;
    case 0x40: // i32x4.ge_u
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! >>> 0 >= I[b + k]! >>> 0 ? -1 : 0;
      return;
    case 0xae: // i32x4.add
      I[d] = (I[a]! + I[b]!) | 0;
      I[d + 1] = (I[a + 1]! + I[b + 1]!) | 0;
      I[d + 2] = (I[a + 2]! + I[b + 2]!) | 0;
      I[d + 3] = (I[a + 3]! + I[b + 3]!) | 0;
      return;
    case 0xb1: // i32x4.sub
      I[d] = (I[a]! - I[b]!) | 0;
      I[d + 1] = (I[a + 1]! - I[b + 1]!) | 0;
      I[d + 2] = (I[a + 2]! - I[b + 2]!) | 0;
      I[d + 3] = (I[a + 3]! - I[b + 3]!) | 0;
      return;
    case 0xb5: // i32x4.mul
      I[d] = Math.imul(I[a]!, I[b]!);
      I[d + 1] = Math.imul(I[a + 1]!, I[b + 1]!);
      I[d + 2] = Math.imul(I[a + 2]!, I[b + 2]!);
      I[d + 3] = Math.imul(I[a + 3]!, I[b + 3]!);
      return;
    case 0xb6: // i32x4.min_s
      for (let k = 0; k < 4; k++) {
        const x = I[a + k]!;
        const y = I[b + k]!;
        I[d + k] = x < y ? x : y;
      }
      return;
    case 0xb7: // i32x4.min_u
      for (let k = 0; k < 4; k++) {
        const x = I[a + k]!;
        const y = I[b + k]!;
        I[d + k] = x >>> 0 < y >>> 0 ? x : y;
      }
      return;
    case 0xb8: // i32x4.max_s
      for (let k = 0; k < 4; k++) {
        const x = I[a + k]!;
        const y = I[b + k]!;
        I[d + k] = x > y ? x : y;
      }
      return;
    case 0xb9: // i32x4.max_u
      for (let k = 0; k < 4; k++) {
        const x = I[a + k]!;
        const y = I[b + k]!;
        I[d + k] = x >>> 0 > y >>> 0 ? x : y;
      }
      return;
    case 0xba: {
      // i32x4.dot_i16x8_s: each pair of products is exact in a double (|sum| <= 2^31); wraps
      const S = v.i16;
      const R = scratch.i32;
      for (let k = 0; k < 4; k++) {
        const x = (a << 1) + 2 * k;
        const y = (b << 1) + 2 * k;
        R[k] = (S[x]! * S[y]! + S[x + 1]! * S[y + 1]!) | 0;
      }
      storeScratch(I, d);
      return;
    }
    case 0xbc: // i32x4.extmul_low_i16x8_s
    case 0xbd: {
      // i32x4.extmul_high_i16x8_s
      const S = v.i16;
      const R = scratch.i32;
      const first = op === 0xbc ? 0 : 4;
      for (let k = 0; k < 4; k++) R[k] = S[(a << 1) + first + k]! * S[(b << 1) + first + k]!;
      storeScratch(I, d);
      return;
    }
    case 0xbe: // i32x4.extmul_low_i16x8_u
    case 0xbf: {
      // i32x4.extmul_high_i16x8_u: the product may exceed 2^31; imul keeps its low 32 bits
      const U = v.u16;
      const R = scratch.i32;
      const first = op === 0xbe ? 0 : 4;
      for (let k = 0; k < 4; k++) R[k] = Math.imul(U[(a << 1) + first + k]!, U[(b << 1) + first + k]!);
      storeScratch(I, d);
      return;
    }
  }
}

/** i32x4 operations of type v128 -> v128. */
export function i32x4Unary(op: number, v: LaneViews, d: number, a: number): void {
  const I = v.i32;
  switch (op) {
    case 0x7e: // i32x4.extadd_pairwise_i16x8_s
    case 0x7f: {
      // i32x4.extadd_pairwise_i16x8_u
      const S = op === 0x7e ? v.i16 : v.u16;
      const R = scratch.i32;
      for (let k = 0; k < 4; k++) R[k] = S[(a << 1) + 2 * k]! + S[(a << 1) + 2 * k + 1]!;
      storeScratch(I, d);
      return;
    }
    case 0xa0: // i32x4.abs
      for (let k = 0; k < 4; k++) {
        const x = I[a + k]!;
        I[d + k] = x < 0 ? -x | 0 : x;
      }
      return;
    case 0xa1: // i32x4.neg
      for (let k = 0; k < 4; k++) I[d + k] = -I[a + k]! | 0;
      return;
    case 0xa7: // i32x4.extend_low_i16x8_s
    case 0xa8: // i32x4.extend_high_i16x8_s
    case 0xa9: // i32x4.extend_low_i16x8_u
    case 0xaa: {
      // i32x4.extend_high_i16x8_u
      const S = op <= 0xa8 ? v.i16 : v.u16;
      const first = (a << 1) + ((op - 0xa7) & 1) * 4;
      const R = scratch.i32;
      for (let k = 0; k < 4; k++) R[k] = S[first + k]!;
      storeScratch(I, d);
      return;
    }
    case 0xf8: {
      // i32x4.trunc_sat_f32x4_s
      const F = v.f32;
      for (let k = 0; k < 4; k++) I[d + k] = i32TruncSatF32S(F[a + k]!);
      return;
    }
    case 0xf9: {
      // i32x4.trunc_sat_f32x4_u
      const F = v.f32;
      for (let k = 0; k < 4; k++) I[d + k] = i32TruncSatF32U(F[a + k]!);
      return;
    }
    case 0xfc: // i32x4.trunc_sat_f64x2_s_zero
    case 0xfd: {
      // i32x4.trunc_sat_f64x2_u_zero: lanes 2 and 3 are zero
      const F = v.f64;
      const x = F[a >> 1]!;
      const y = F[(a >> 1) + 1]!;
      I[d] = op === 0xfc ? i32TruncSatF64S(x) : i32TruncSatF64U(x);
      I[d + 1] = op === 0xfc ? i32TruncSatF64S(y) : i32TruncSatF64U(y);
      I[d + 2] = 0;
      I[d + 3] = 0;
      return;
    }
  }
}

/** i32x4.shl/shr_s/shr_u: the count is the i32 at cell `count`; JS shifts take it modulo 32. */
export function i32x4Shift(op: number, v: LaneViews, d: number, a: number, count: number): void {
  const I = v.i32;
  const n = I[count]!;
  if (op === 0xab) for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! << n;
  else if (op === 0xac) for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! >> n;
  else for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! >>> n;
}

/** i32x4.all_true and i32x4.bitmask: the i32 result. */
export function i32x4Test(op: number, v: LaneViews, a: number): number {
  const I = v.i32;
  if (op === 0xa3) return I[a] !== 0 && I[a + 1] !== 0 && I[a + 2] !== 0 && I[a + 3] !== 0 ? 1 : 0;
  return (I[a]! >>> 31) | ((I[a + 1]! >>> 31) << 1) | ((I[a + 2]! >>> 31) << 2) | ((I[a + 3]! >>> 31) << 3);
}
