/**
 * Float bit patterns in compiled code, where f32 and f64 values are JS numbers.
 *
 * An f64 NaN keeps its bits in a JS number as long as nothing converts it, so f64 values move
 * as numbers and cross typed arrays as Float64 (loads, stores, reinterprets copy bits).
 * An f32 NaN does not survive: widening a float to a double sets the quiet bit. So an f32 NaN
 * is held as a double NaN that encodes its 32 bits: sign and payload where the hardware's
 * widening puts them (a quiet f32 NaN is encoded exactly as the hardware widens it), plus the
 * lowest mantissa bit set when the f32 NaN was signalling. Arithmetic results go through
 * `Math.fround`, which clears the low bits, so only moved NaNs carry the mark; stores and
 * reinterprets decode it (`f32Bits`).
 */

const scratch = new ArrayBuffer(8);
const f64 = new Float64Array(scratch);
const f32 = new Float32Array(scratch);
const i32 = new Int32Array(scratch);
const i64 = new BigInt64Array(scratch);

/** The f32 with bits `bits`, as compiled code holds it (NaNs encoded, see above). */
export function f32FromBits(bits: number): number {
  i32[0] = bits;
  const value = f32[0]!;
  return Number.isNaN(value) ? f32NaN(bits) : value;
}

/** The double that stands for the f32 NaN with bits `bits`. */
export function f32NaN(bits: number): number {
  const mantissa = bits & 0x7fffff;
  i32[1] = (bits & 0x80000000) | 0x7ff80000 | (mantissa >>> 3);
  i32[0] = ((mantissa & 7) << 29) | ((mantissa & 0x400000) === 0 ? 1 : 0);
  return f64[0]!;
}

/** The bits of the f32 `value` (a NaN decoded as `f32NaN` encodes it). */
export function f32Bits(value: number): number {
  if (!Number.isNaN(value)) {
    f32[0] = value;
    return i32[0]!;
  }
  f64[0] = value;
  const hi = i32[1]!;
  const lo = i32[0]!;
  const quiet = (lo & 1) === 0 ? 0x400000 : 0;
  return (hi & 0x80000000) | 0x7f800000 | quiet | ((hi & 0x7ffff) << 3) | (lo >>> 29);
}

/** The f64 with words (low, high). */
export function f64FromWords(low: number, high: number): number {
  i32[0] = low;
  i32[1] = high;
  return f64[0]!;
}

export function f64FromBits(bits: bigint): number {
  i64[0] = bits;
  return f64[0]!;
}

export function f64Bits(value: number): bigint {
  f64[0] = value;
  return i64[0]!;
}

/** `copysign` on the bits: the magnitude (NaN payload included) of `x`, the sign of `y`. */
export function copysign(x: number, y: number): number {
  f64[0] = y;
  const negative = i32[1]! < 0;
  f64[0] = x;
  i32[1] = negative ? i32[1]! | 0x80000000 : i32[1]! & 0x7fffffff;
  return f64[0]!;
}
