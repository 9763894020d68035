import { f64Nearest } from "../numerics/index.js";
import type { LaneViews } from "./lane-views.js";

/**
 * f64x2 operations: 2 lanes of f64, two cells each; lane k of the slot at cell `c` is
 * `f64[(c >> 1) + k]`. As for f32x4 (see f32x4.ts), sign operations and pseudo-min/max move
 * bits, the rest goes through the Float64Array view.
 */

/** f64x2 operations of type [v128 v128] -> v128 (op is the SIMD sub-opcode). */
export function f64x2Binary(op: number, v: LaneViews, d: number, a: number, b: number): void {
  const F = v.f64;
  const I = v.i32;
  const fd = d >> 1;
  const fa = a >> 1;
  const fb = b >> 1;
  switch (op) {
    case 0x47: // f64x2.eq
    case 0x48: // f64x2.ne
    case 0x49: // f64x2.lt
    case 0x4a: // f64x2.gt
    case 0x4b: // f64x2.le
    case 0x4c: // f64x2.ge
      for (let k = 0; k < 2; k++) {
        const r = compare(op, F[fa + k]!, F[fb + k]!) ? -1 : 0;
        I[d + 2 * k] = r;
        I[d + 2 * k + 1] = r;
      }
      return;
    case 0xf0: // f64x2.add
      F[fd] = F[fa]! + F[fb]!;
      F[fd + 1] = F[fa + 1]! + F[fb + 1]!;
      return;
    case 0xf1: // f64x2.sub
      F[fd] = F[fa]! - F[fb]!;
      F[fd + 1] = F[fa + 1]! - F[fb + 1]!;
      return;
    case 0xf2: // f64x2.mul
      F[fd] = F[fa]! * F[fb]!;
      F[fd + 1] = F[fa + 1]! * F[fb + 1]!;
      return;
    case 0xf3: // f64x2.div
      F[fd] = F[fa]! / F[fb]!;
      F[fd + 1] = F[fa + 1]! / F[fb + 1]!;
      return;
    case 0xf4: // f64x2.min
      F[fd] = Math.min(F[fa]!, F[fb]!);
      F[fd + 1] = Math.min(F[fa + 1]!, F[fb + 1]!);
      return;
    case 0xf5: // f64x2.max
      F[fd] = Math.max(F[fa]!, F[fb]!);
      F[fd + 1] = Math.max(F[fa + 1]!, F[fb + 1]!);
      return;
    case 0xf6: // f64x2.pmin: b < a ? b : a, bit for bit
    case 0xf7: // f64x2.pmax: a < b ? b : a, bit for bit
      for (let k = 0; k < 2; k++) {
        const x = F[fa + k]!;
        const y = F[fb + k]!;
        const s = (op === 0xf6 ? y < x : x < y) ? b : a;
        I[d + 2 * k] = I[s + 2 * k]!;
        I[d + 2 * k + 1] = I[s + 2 * k + 1]!;
      }
      return;
  }
}

/** f64x2 operations of type v128 -> v128. */
export function f64x2Unary(op: number, v: LaneViews, d: number, a: number): void {
  const F = v.f64;
  const I = v.i32;
  const fd = d >> 1;
  const fa = a >> 1;
  switch (op) {
    case 0x5f: {
      // f64x2.promote_low_f32x4 (exact)
      const S = v.f32;
      const x = S[a]!;
      const y = S[a + 1]!;
      F[fd] = x;
      F[fd + 1] = y;
      return;
    }
    case 0x74: // f64x2.ceil
      F[fd] = quiet(Math.ceil(F[fa]!));
      F[fd + 1] = quiet(Math.ceil(F[fa + 1]!));
      return;
    case 0x75: // f64x2.floor
      F[fd] = quiet(Math.floor(F[fa]!));
      F[fd + 1] = quiet(Math.floor(F[fa + 1]!));
      return;
    case 0x7a: // f64x2.trunc
      F[fd] = quiet(Math.trunc(F[fa]!));
      F[fd + 1] = quiet(Math.trunc(F[fa + 1]!));
      return;
    case 0x94: // f64x2.nearest
      F[fd] = f64Nearest(F[fa]!);
      F[fd + 1] = f64Nearest(F[fa + 1]!);
      return;
    case 0xec: // f64x2.abs: clears the sign bit of each lane's high word
      I[d] = I[a]!;
      I[d + 1] = I[a + 1]! & 0x7fffffff;
      I[d + 2] = I[a + 2]!;
      I[d + 3] = I[a + 3]! & 0x7fffffff;
      return;
    case 0xed: // f64x2.neg
      I[d] = I[a]!;
      I[d + 1] = I[a + 1]! ^ -0x80000000;
      I[d + 2] = I[a + 2]!;
      I[d + 3] = I[a + 3]! ^ -0x80000000;
      return;
    case 0xef: // f64x2.sqrt
      F[fd] = Math.sqrt(F[fa]!);
      F[fd + 1] = Math.sqrt(F[fa + 1]!);
      return;
    case 0xfe: // f64x2.convert_low_i32x4_s (exact)
    case 0xff: {
      // f64x2.convert_low_i32x4_u
      const x = I[a]!;
      const y = I[a + 1]!;
      F[fd] = op === 0xfe ? x : x >>> 0;
      F[fd + 1] = op === 0xfe ? y : y >>> 0;
      return;
    }
  }
}

/** The f64x2 comparison `op` of x and y (false whenever either is NaN, except `ne`). */
function compare(op: number, x: number, y: number): boolean {
  switch (op) {
    case 0x47:
      return x === y;
    case 0x48:
      return x !== y;
    case 0x49:
      return x < y;
    case 0x4a:
      return x > y;
    case 0x4b:
      return x <= y;
    default:
      return x >= y;
  }
}

/** Rounding functions return a NaN operand unchanged; wasm wants an arithmetic (quiet) NaN. */
function quiet(x: number): number {
  return Number.isNaN(x) ? Number.NaN : x;
}
