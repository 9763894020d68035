import { f32x4Binary } from "./f32x4.js";
import { f64x2Binary } from "./f64x2.js";
import { i8x16Binary } from "./i8x16.js";
import { i16x8Binary } from "./i16x8.js";
import { i32x4Unary } from "./i32x4.js";
import { type LaneViews, scratch, storeScratch } from "./lane-views.js";
import { v128Bitselect } from "./v128-bitwise.js";

/**
 * Relaxed SIMD (sub-opcodes 0x100-0x113), layout [dst, a, b?, c?]. The spec lets each op give
 * one of a few results; microwasm always gives the same one, the one listed first where the
 * spec lists the deterministic operation (the interpreter's README has the table):
 * - relaxed_swizzle: i8x16.swizzle (indices of 16 and up select 0)
 * - relaxed_trunc*: the saturating truncations (NaN gives 0)
 * - relaxed_madd / relaxed_nmadd: unfused, a * b rounded, then + c (nmadd: -(a * b) + c)
 * - relaxed_laneselect: v128.bitselect (every bit of the mask selects)
 * - relaxed_min / relaxed_max: f32x4/f64x2.min and max (NaN if either is NaN, -0 below +0)
 * - relaxed_q15mulr_s: i16x8.q15mulr_sat_s (-32768 * -32768 saturates to 32767)
 * - relaxed_dot_i8x16_i7x16_s: both operands signed, each pair's sum wrapped to 16 bits
 * - relaxed_dot_i8x16_i7x16_add_s: both operands signed, the four products and c summed mod 2^32
 */

/** Operand count of each relaxed op, by sub-opcode - 0x100. */
const operandCounts = [2, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 3];

/** Runs the relaxed op at `pc` (`code[pc + 1]` its sub-opcode); returns the next pc. */
export function executeRelaxed(code: Int32Array, pc: number, fp: number, v: LaneViews): number {
  const op = code[pc + 1]!;
  const d = fp + code[pc + 2]!;
  const a = fp + code[pc + 3]!;
  const count = operandCounts[op - 0x100]!;
  const b = count > 1 ? fp + code[pc + 4]! : 0;
  const c = count > 2 ? fp + code[pc + 5]! : 0;
  switch (op) {
    case 0x100: // i8x16.relaxed_swizzle
      i8x16Binary(0x0e, v, d, a, b);
      break;
    case 0x101: // i32x4.relaxed_trunc_f32x4_s
    case 0x102: // i32x4.relaxed_trunc_f32x4_u
      i32x4Unary(0xf8 + (op - 0x101), v, d, a);
      break;
    case 0x103: // i32x4.relaxed_trunc_f64x2_s_zero
    case 0x104: // i32x4.relaxed_trunc_f64x2_u_zero
      i32x4Unary(0xfc + (op - 0x103), v, d, a);
      break;
    case 0x105: // f32x4.relaxed_madd
    case 0x106: {
      // f32x4.relaxed_nmadd
      const F = v.f32;
      const R = scratch.f32;
      const sign = op === 0x105 ? 1 : -1;
      for (let k = 0; k < 4; k++) R[k] = sign * Math.fround(F[a + k]! * F[b + k]!) + F[c + k]!;
      storeScratch(v.i32, d);
      break;
    }
    case 0x107: // f64x2.relaxed_madd
    case 0x108: {
      // f64x2.relaxed_nmadd
      const F = v.f64;
      const R = scratch.f64;
      const sign = op === 0x107 ? 1 : -1;
      for (let k = 0; k < 2; k++) R[k] = sign * (F[(a >> 1) + k]! * F[(b >> 1) + k]!) + F[(c >> 1) + k]!;
      storeScratch(v.i32, d);
      break;
    }
    case 0x109: // i8x16.relaxed_laneselect
    case 0x10a: // i16x8.relaxed_laneselect
    case 0x10b: // i32x4.relaxed_laneselect
    case 0x10c: // i64x2.relaxed_laneselect
      v128Bitselect(v, d, a, b, c);
      break;
    case 0x10d: // f32x4.relaxed_min
    case 0x10e: // f32x4.relaxed_max
      f32x4Binary(0xe8 + (op - 0x10d), v, d, a, b);
      break;
    case 0x10f: // f64x2.relaxed_min
    case 0x110: // f64x2.relaxed_max
      f64x2Binary(0xf4 + (op - 0x10f), v, d, a, b);
      break;
    case 0x111: // i16x8.relaxed_q15mulr_s
      i16x8Binary(0x82, v, d, a, b);
      break;
    case 0x112: {
      // i16x8.relaxed_dot_i8x16_i7x16_s
      const S = v.i8;
      const R = scratch.i16;
      const aa = a << 2;
      const bb = b << 2;
      for (let k = 0; k < 8; k++) {
        R[k] = S[aa + 2 * k]! * S[bb + 2 * k]! + S[aa + 2 * k + 1]! * S[bb + 2 * k + 1]!;
      }
      storeScratch(v.i32, d);
      break;
    }
    default: {
      // 0x113 i32x4.relaxed_dot_i8x16_i7x16_add_s
      const S = v.i8;
      const I = v.i32;
      const R = scratch.i32;
      const aa = a << 2;
      const bb = b << 2;
      for (let k = 0; k < 4; k++) {
        let sum = I[c + k]!;
        for (let j = 4 * k; j < 4 * k + 4; j++) sum += S[aa + j]! * S[bb + j]!;
        R[k] = sum | 0;
      }
      storeScratch(v.i32, d);
    }
  }
  return pc + 3 + count;
}
