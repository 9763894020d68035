/**
 * Float operations that JavaScript has no exact built-in for. f32 values travel as JS numbers
 * that are already exactly representable in f32 (read from a `Float32Array` or made by
 * `Math.fround`).
 *
 * f32 arithmetic needs no helper: for two f32 values, `Math.fround(a + b)` (likewise `-`, `*`,
 * `/`, and `Math.fround(Math.sqrt(a))`) is the correctly rounded f32 result. Computing in f64
 * first rounds twice, but when the wider format has at least 2p + 2 significand bits (53 >=
 * 2 * 24 + 2) double rounding is innocuous for these five operations (Figueroa, "When is double
 * rounding innocuous?", 1995): the f64 result of an exact f32 operation is never close enough to
 * an f32 rounding boundary to flip the second rounding. The same does not hold for sums of three
 * values or for conversions from 64-bit integers (see `f32ConvertI64S`).
 *
 * NaN results: wherever an operand is NaN these return a quiet NaN (`Math.min`/`max` may pass an
 * operand's quiet payload through; `f64Nearest` returns the canonical `NaN`). The spec allows
 * either for every operation here, so payloads are not tracked.
 */

/** 2^52: every double at or above it in magnitude is an integer. */
const TWO52 = 4503599627370496;

/**
 * f64.nearest: round to the nearest integer, ties to even, keeping the sign (-0.4 → -0,
 * -0.5 → -0). Adding and subtracting 2^52 rounds |x| < 2^52 to an integer in the current
 * (nearest-even) rounding mode.
 */
export function f64Nearest(x: number): number {
  const m = Math.abs(x);
  if (m < TWO52) {
    if (x === 0) return x; // keeps -0
    const r = m + TWO52 - TWO52;
    return x < 0 ? -r : r;
  }
  return Number.isNaN(x) ? Number.NaN : x; // ±Infinity and large values are already integral
}

/**
 * f32.nearest: the f64 rounding of an f32 value is the f32 result (f32 values of magnitude
 * >= 2^23 are integers, and rounded smaller ones are integers below 2^24, exact in f32).
 */
export function f32Nearest(x: number): number {
  return f64Nearest(x);
}

/**
 * f64.min: `Math.min` already has the wasm semantics (any NaN gives NaN, and it orders -0 below
 * +0); the interpreter may inline it. Likewise the three below; the result is one of the
 * operands or NaN, so f32 needs no `Math.fround`.
 */
export function f64Min(a: number, b: number): number {
  return Math.min(a, b);
}

/** f64.max: NaN if either is NaN; max(-0, +0) = +0. */
export function f64Max(a: number, b: number): number {
  return Math.max(a, b);
}

/** f32.min: NaN if either is NaN; min(-0, +0) = -0. */
export function f32Min(a: number, b: number): number {
  return Math.min(a, b);
}

/** f32.max: NaN if either is NaN; max(-0, +0) = +0. */
export function f32Max(a: number, b: number): number {
  return Math.max(a, b);
}
