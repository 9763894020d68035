import { f32Nearest } from "../numerics/index.js";
import type { LaneViews } from "./lane-views.js";

/**
 * f32x4 operations: 4 lanes of f32, one cell each. Arithmetic reads lanes through the
 * Float32Array view and rounds by storing through it (exact for + - * / and sqrt; see
 * numerics/float.ts). Sign operations and pseudo-min/max move bits through the Int32Array view,
 * so NaN payloads survive where the spec says they must.
 */

/** f32x4 operations of type [v128 v128] -> v128 (op is the SIMD sub-opcode). */
export function f32x4Binary(op: number, v: LaneViews, d: number, a: number, b: number): void {
  const F = v.f32;
  const I = v.i32;
  switch (op) {
    case 0x41: // f32x4.eq
      for (let k = 0; k < 4; k++) I[d + k] = F[a + k] === F[b + k] ? -1 : 0;
      return;
    case 0x42: // f32x4.ne
      for (let k = 0; k < 4; k++) I[d + k] = F[a + k] !== F[b + k] ? -1 : 0;
      return;
    case 0x43: // f32x4.lt
      for (let k = 0; k < 4; k++) I[d + k] = F[a + k]! < F[b + k]! ? -1 : 0;
      return;
    case 0x44: // f32x4.gt
      for (let k = 0; k < 4; k++) I[d + k] = F[a + k]! > F[b + k]! ? -1 : 0;
      return;
    case 0x45: // f32x4.le
      for (let k = 0; k < 4; k++) I[d + k] = F[a + k]! <= F[b + k]! ? -1 : 0;
      return;
    case 0x46: // f32x4.ge
      for (let k = 0; k < 4; k++) I[d + k] = F[a + k]! >= F[b + k]! ? -1 : 0;
      return;
    case 0xe4: // f32x4.add
      F[d] = F[a]! + F[b]!;
      F[d + 1] = F[a + 1]! + F[b + 1]!;
      F[d + 2] = F[a + 2]! + F[b + 2]!;
      F[d + 3] = F[a + 3]! + F[b + 3]!;
      return;
    case 0xe5: // f32x4.sub
      for (let k = 0; k < 4; k++) F[d + k] = F[a + k]! - F[b + k]!;
      return;
    case 0xe6: // f32x4.mul
      for (let k = 0; k < 4; k++) F[d + k] = F[a + k]! * F[b + k]!;
      return;
    case 0xe7: // f32x4.div
      for (let k = 0; k < 4; k++) F[d + k] = F[a + k]! / F[b + k]!;
      return;
    case 0xe8: // f32x4.min: NaN if either is NaN, -0 below +0 (Math.min's rules)
      for (let k = 0; k < 4; k++) F[d + k] = Math.min(F[a + k]!, F[b + k]!);
      return;
    case 0xe9: // f32x4.max
      for (let k = 0; k < 4; k++) F[d + k] = Math.max(F[a + k]!, F[b + k]!);
      return;
    case 0xea: // f32x4.pmin: b < a ? b : a, bit for bit
      for (let k = 0; k < 4; k++) I[d + k] = F[b + k]! < F[a + k]! ? I[b + k]! : I[a + k]!;
      return;
    case 0xeb: // f32x4.pmax: a < b ? b : a, bit for bit
      for (let k = 0; k < 4; k++) I[d + k] = F[a + k]! < F[b + k]! ? I[b + k]! : I[a + k]!;
      return;
  }
}

/** f32x4 operations of type v128 -> v128. */
export function f32x4Unary(op: number, v: LaneViews, d: number, a: number): void {
  const F = v.f32;
  const I = v.i32;
  switch (op) {
    case 0x5e: {
      // f32x4.demote_f64x2_zero: lanes 2 and 3 are zero
      const D = v.f64;
      const x = D[a >> 1]!;
      const y = D[(a >> 1) + 1]!;
      F[d] = x;
      F[d + 1] = y;
      I[d + 2] = 0;
      I[d + 3] = 0;
      return;
    }
    case 0x67: // f32x4.ceil
      for (let k = 0; k < 4; k++) F[d + k] = quiet(Math.ceil(F[a + k]!));
      return;
    case 0x68: // f32x4.floor
      for (let k = 0; k < 4; k++) F[d + k] = quiet(Math.floor(F[a + k]!));
      return;
    case 0x69: // f32x4.trunc
      for (let k = 0; k < 4; k++) F[d + k] = quiet(Math.trunc(F[a + k]!));
      return;
    case 0x6a: // f32x4.nearest
      for (let k = 0; k < 4; k++) F[d + k] = quiet(f32Nearest(F[a + k]!));
      return;
    case 0xe0: // f32x4.abs
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! & 0x7fffffff;
      return;
    case 0xe1: // f32x4.neg
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! ^ -0x80000000;
      return;
    case 0xe3: // f32x4.sqrt
      for (let k = 0; k < 4; k++) F[d + k] = Math.sqrt(F[a + k]!);
      return;
    case 0xfa: // f32x4.convert_i32x4_s (one rounding: the int32 is exact as a double)
      for (let k = 0; k < 4; k++) F[d + k] = I[a + k]!;
      return;
    case 0xfb: // f32x4.convert_i32x4_u
      for (let k = 0; k < 4; k++) F[d + k] = I[a + k]! >>> 0;
      return;
  }
}

/** Rounding functions return a NaN operand unchanged; wasm wants an arithmetic (quiet) NaN. */
function quiet(x: number): number {
  return Number.isNaN(x) ? Number.NaN : x;
}
