import { RuntimeError } from "@microwasm/core";

/**
 * The i32 and float operators compiled code calls rather than writes inline: those that trap,
 * bit counts, exact conversions, and rounding that must quiet a NaN (i64: i64-pairs.ts).
 */

export function trap(kind: ConstructorParameters<typeof RuntimeError>[0]): RuntimeError {
  return new RuntimeError(kind);
}

export function i32DivS(x: number, y: number): number {
  if (y === 0) throw trap("integerDivideByZero");
  if (x === -0x80000000 && y === -1) throw trap("integerOverflow");
  return (x / y) | 0;
}
export function i32DivU(x: number, y: number): number {
  if (y === 0) throw trap("integerDivideByZero");
  return ((x >>> 0) / (y >>> 0)) | 0;
}
export function i32RemS(x: number, y: number): number {
  if (y === 0) throw trap("integerDivideByZero");
  return y === -1 ? 0 : (x % y) | 0;
}
export function i32RemU(x: number, y: number): number {
  if (y === 0) throw trap("integerDivideByZero");
  return ((x >>> 0) % (y >>> 0)) | 0;
}
export function i32Ctz(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}
export function i32Popcnt(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** x is an f32 or f64 value; the ranges are those whose truncation fits (exclusive bounds). */
export function i32TruncS(x: number): number {
  if (Number.isNaN(x)) throw trap("invalidConversion");
  if (x <= -2147483649 || x >= 2147483648) throw trap("integerOverflow");
  return Math.trunc(x) | 0;
}
export function i32TruncU(x: number): number {
  if (Number.isNaN(x)) throw trap("invalidConversion");
  if (x <= -1 || x >= 4294967296) throw trap("integerOverflow");
  return Math.trunc(x) | 0;
}
export function i32TruncSatS(x: number): number {
  if (Number.isNaN(x)) return 0;
  if (x <= -2147483648) return -2147483648;
  if (x >= 2147483647) return 2147483647;
  return Math.trunc(x) | 0;
}
export function i32TruncSatU(x: number): number {
  if (Number.isNaN(x) || x <= 0) return 0;
  if (x >= 4294967295) return -1;
  return Math.trunc(x) | 0;
}

/** f32 from a 64-bit integer (signed when `x` is, unsigned from `asUintN`), rounded once. */
function f32FromInteger(x: bigint): number {
  const magnitude = x < 0n ? -x : x;
  if (magnitude < 1n << 53n) return Math.fround(Number(x));
  // Keep 53 bits and fold the rest into a sticky bit: the double is then exact and fround rounds once.
  const shift = BigInt(magnitude.toString(2).length - 53);
  const kept = (magnitude >> shift) | ((magnitude & ((1n << shift) - 1n)) === 0n ? 0n : 1n);
  const value = Number(kept) * 2 ** Number(shift);
  return Math.fround(x < 0n ? -value : value);
}
export function f32ConvertI64S(x: bigint): number {
  return f32FromInteger(x);
}
export function f32ConvertI64U(x: bigint): number {
  return f32FromInteger(BigInt.asUintN(64, x));
}

/** Rounding to nearest, ties to even; a NaN comes out quiet. */
export function nearest(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
/** `ceil`, `floor`, `trunc`, `min`, `max` return a NaN operand as it is; wasm wants a quiet one. */
export function ceil(x: number): number {
  return Number.isNaN(x) ? Number.NaN : Math.ceil(x);
}
export function floor(x: number): number {
  return Number.isNaN(x) ? Number.NaN : Math.floor(x);
}
export function trunc(x: number): number {
  return Number.isNaN(x) ? Number.NaN : Math.trunc(x);
}
export function min(x: number, y: number): number {
  return Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.min(x, y);
}
export function max(x: number, y: number): number {
  return Number.isNaN(x) || Number.isNaN(y) ? Number.NaN : Math.max(x, y);
}
