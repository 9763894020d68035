import { RuntimeError } from "@microwasm/core";

/**
 * Conversions between floats and integers. f32 inputs arrive as JS numbers already rounded to
 * f32, and every f32 value is a double, so each f32 truncation is the f64 one: the range tests
 * compare exact values either way. i64 results are written to cells c[d] (low word) and
 * c[d + 1] (high word); i64 inputs are given as (lo, hi) int32 words.
 *
 * Nothing here allocates. The range tests are written `!(lower < x && x < upper)` (or with >=)
 * so NaN, already excluded where it traps, also lands on the saturating or trapping side.
 */

const TWO31 = 2 ** 31;
const TWO32 = 2 ** 32;
const TWO63 = 2 ** 63;
const TWO64 = 2 ** 64;

// ---------------------------------------------------------------------------------------------
// Float → i32

/**
 * i32.trunc_f64_s: truncate toward zero. Traps: invalid conversion to integer (NaN); integer
 * overflow (outside (-2^31 - 1, 2^31), i.e. the truncated value does not fit).
 */
export function i32TruncF64S(x: number): number {
  if (Number.isNaN(x)) throw new RuntimeError("invalidConversion");
  if (!(x > -2147483649 && x < TWO31)) throw new RuntimeError("integerOverflow");
  return x | 0;
}

/**
 * i32.trunc_f64_u, returned as the int32 bit pattern. Traps: invalid conversion to integer
 * (NaN); integer overflow (outside (-1, 2^32)).
 */
export function i32TruncF64U(x: number): number {
  if (Number.isNaN(x)) throw new RuntimeError("invalidConversion");
  if (!(x > -1 && x < TWO32)) throw new RuntimeError("integerOverflow");
  return x | 0;
}

/** i32.trunc_f32_s: as `i32TruncF64S` (the nearest f32 values to the bounds are exact). */
export function i32TruncF32S(x: number): number {
  return i32TruncF64S(x);
}

/** i32.trunc_f32_u: as `i32TruncF64U`. */
export function i32TruncF32U(x: number): number {
  return i32TruncF64U(x);
}

/** i32.trunc_sat_f64_s: NaN → 0, clamps to [-2^31, 2^31 - 1]. */
export function i32TruncSatF64S(x: number): number {
  if (Number.isNaN(x)) return 0;
  if (x <= -TWO31) return -0x80000000;
  if (x >= TWO31) return 0x7fffffff;
  return x | 0;
}

/** i32.trunc_sat_f64_u: NaN → 0, clamps to [0, 2^32 - 1]; returned as the int32 bit pattern. */
export function i32TruncSatF64U(x: number): number {
  if (!(x > 0)) return 0;
  if (x >= TWO32) return -1;
  return x | 0;
}

/** i32.trunc_sat_f32_s: as `i32TruncSatF64S`. */
export function i32TruncSatF32S(x: number): number {
  return i32TruncSatF64S(x);
}

/** i32.trunc_sat_f32_u: as `i32TruncSatF64U`. */
export function i32TruncSatF32U(x: number): number {
  return i32TruncSatF64U(x);
}

// ---------------------------------------------------------------------------------------------
// Float → i64

/**
 * Writes the integer-valued double t, -2^63 <= t < 2^64, as an i64. t / 2^32 is exact (a power
 * of two), and so is the subtraction, whose exact result is an integer below 2^32.
 */
function writeInteger(c: Int32Array, d: number, t: number): void {
  const hi = Math.floor(t / TWO32);
  c[d] = (t - hi * TWO32) | 0;
  c[d + 1] = hi | 0;
}

/**
 * i64.trunc_f64_s. Traps: invalid conversion to integer (NaN); integer overflow (outside
 * [-2^63, 2^63): no double lies strictly between -2^63 - 1 and -2^63).
 */
export function i64TruncF64S(c: Int32Array, d: number, x: number): void {
  if (Number.isNaN(x)) throw new RuntimeError("invalidConversion");
  if (!(x >= -TWO63 && x < TWO63)) throw new RuntimeError("integerOverflow");
  writeInteger(c, d, Math.trunc(x));
}

/** i64.trunc_f64_u. Traps: invalid conversion to integer (NaN); integer overflow (outside (-1, 2^64)). */
export function i64TruncF64U(c: Int32Array, d: number, x: number): void {
  if (Number.isNaN(x)) throw new RuntimeError("invalidConversion");
  if (!(x > -1 && x < TWO64)) throw new RuntimeError("integerOverflow");
  writeInteger(c, d, Math.trunc(x));
}

/** i64.trunc_f32_s: as `i64TruncF64S`. */
export function i64TruncF32S(c: Int32Array, d: number, x: number): void {
  i64TruncF64S(c, d, x);
}

/** i64.trunc_f32_u: as `i64TruncF64U`. */
export function i64TruncF32U(c: Int32Array, d: number, x: number): void {
  i64TruncF64U(c, d, x);
}

/** i64.trunc_sat_f64_s: NaN → 0, clamps to [-2^63, 2^63 - 1]. */
export function i64TruncSatF64S(c: Int32Array, d: number, x: number): void {
  if (Number.isNaN(x)) {
    c[d] = 0;
    c[d + 1] = 0;
  } else if (x < -TWO63) {
    c[d] = 0;
    c[d + 1] = -0x80000000;
  } else if (x >= TWO63) {
    c[d] = -1;
    c[d + 1] = 0x7fffffff;
  } else {
    writeInteger(c, d, Math.trunc(x));
  }
}

/** i64.trunc_sat_f64_u: NaN → 0, clamps to [0, 2^64 - 1]. */
export function i64TruncSatF64U(c: Int32Array, d: number, x: number): void {
  if (!(x > -1)) {
    c[d] = 0;
    c[d + 1] = 0;
  } else if (x >= TWO64) {
    c[d] = -1;
    c[d + 1] = -1;
  } else {
    writeInteger(c, d, Math.trunc(x));
  }
}

/** i64.trunc_sat_f32_s: as `i64TruncSatF64S`. */
export function i64TruncSatF32S(c: Int32Array, d: number, x: number): void {
  i64TruncSatF64S(c, d, x);
}

/** i64.trunc_sat_f32_u: as `i64TruncSatF64U`. */
export function i64TruncSatF32U(c: Int32Array, d: number, x: number): void {
  i64TruncSatF64U(c, d, x);
}

// ---------------------------------------------------------------------------------------------
// i64 → float

/**
 * f64.convert_i64_s: correctly rounded. hi * 2^32 is exact and so is lo, so the one addition
 * is the only rounding.
 */
export function f64ConvertI64S(lo: number, hi: number): number {
  return hi * TWO32 + (lo >>> 0);
}

/** f64.convert_i64_u: correctly rounded (one rounding, as for the signed case). */
export function f64ConvertI64U(lo: number, hi: number): number {
  return (hi >>> 0) * TWO32 + (lo >>> 0);
}

/**
 * f32.convert_i64_u: correctly rounded to f32. `Math.fround(hi * 2^32 + lo)` would round twice,
 * to f64 and then to f32, and the first rounding can land exactly on an f32 halfway point:
 * 0x0020000020000001 = 2^53 + 2^29 + 1 would become 2^53 instead of 2^53 + 2^30. So for values
 * of 2^53 and up, whose f32 rounding position is bit 29 or higher, the low 11 bits are folded
 * into a sticky bit 11: what remains has at most 53 significant bits (bits 11..63), so the
 * double is exact and `Math.fround` rounds once, seeing the same guard bit and the same
 * "anything below it?" as the full integer would give.
 */
export function f32ConvertI64U(lo: number, hi: number): number {
  const h = hi >>> 0;
  if (h < 0x200000) return Math.fround(h * TWO32 + (lo >>> 0)); // below 2^53: exact double
  const sticky = (lo & 0x7ff) === 0 ? 0 : 0x800;
  return Math.fround(h * TWO32 + (((lo & ~0x7ff) | sticky) >>> 0));
}

/**
 * f32.convert_i64_s: correctly rounded to f32. Values in [-2^53, 2^53) are exact as doubles;
 * others are rounded by magnitude (round-to-nearest-even is symmetric) through `f32ConvertI64U`.
 */
export function f32ConvertI64S(lo: number, hi: number): number {
  if ((hi + 0x200000) >>> 0 < 0x400000) return Math.fround(hi * TWO32 + (lo >>> 0));
  if (hi >= 0) return f32ConvertI64U(lo, hi);
  return -f32ConvertI64U(-lo | 0, (~hi + (lo === 0 ? 1 : 0)) | 0);
}
