import { RuntimeError } from "@microwasm/core";

/**
 * i64 in compiled code: a pair of int32 variables (low word, high word). Operators that do not
 * fit inline (i64-inline.ts has multiply, shifts, rotations and the common divisions) return the
 * low word and leave the high word in `HI[0]`, which the caller reads right away. Divisions by
 * divisors wider than 32 bits go through a BigInt64Array.
 */
export const HI = new Int32Array(1);

const words = new Int32Array(6);
const longs = new BigInt64Array(words.buffer);
const doubles = new Float64Array(words.buffer, 0, 1);
const TWO_32 = 4294967296;
const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;

function result(lo: number, hi: number): number {
  HI[0] = hi;
  return lo;
}

/** Whether (lo, hi) is a sign-extended int32. */
const small = (lo: number, hi: number): boolean => hi === lo >> 31;

/**
 * The last `divideSmall`'s remainder. Results go through typed arrays, not module `let`s: a
 * double stored in a module variable is a heap number, allocated per division (2-3x slower).
 */
const REMAINDER = new Float64Array(1);

/**
 * Unsigned (hi:lo) / d for a divisor 0 < d < 2^32, in doubles (every step exact or checked):
 * returns the quotient's low word, its high word in `HI[0]`, the remainder in `REMAINDER[0]`.
 * From 2^12 up, one division: the dividend rounded to a double, divided, is within 1 of the
 * quotient (at most 3 * 2^10 / d off), and the remainder, computed exactly from 16-bit halves of
 * d (every partial product below 2^53, the big terms cancelling exactly), corrects it by one.
 * Below 2^12, two exact divisions: hi / d, then the remainder's 2^32 multiple plus lo (< 2^44).
 */
function divideSmall(lo: number, hi: number, d: number): number {
  const h = hi >>> 0;
  const l = lo >>> 0;
  if (d < 4096) {
    const q1 = Math.floor(h / d);
    const n = (h - q1 * d) * TWO_32 + l;
    const q2 = Math.floor(n / d);
    REMAINDER[0] = n - q2 * d;
    HI[0] = q1;
    return q2 | 0;
  }
  let q = Math.floor((h * TWO_32 + l) / d);
  const qHi = Math.floor(q / TWO_32);
  const qLo = q - qHi * TWO_32;
  let r = (h - qHi * d) * TWO_32 - qLo * (d >>> 16) * 65536 + l - qLo * (d & 0xffff);
  if (r < 0) {
    q--;
    r += d;
  } else if (r >= d) {
    q++;
    r -= d;
  }
  const high = Math.floor(q / TWO_32);
  REMAINDER[0] = r;
  HI[0] = high;
  return (q - high * TWO_32) | 0;
}

/** -(hi:lo): returns the low word, the high word in `HI[0]`. */
function negate(lo: number, hi: number): number {
  const l = -lo | 0;
  HI[0] = (~hi + (l === 0 ? 1 : 0)) | 0;
  return l;
}

export function i64DivS(a: number, A: number, b: number, B: number): number {
  if ((b | B) === 0) throw new RuntimeError("integerDivideByZero");
  if (small(a, A) && small(b, B) && !(a === -0x80000000 && b === -1)) {
    const q = (a / b) | 0;
    return result(q, q >> 31);
  }
  if (a === 0 && A === -0x80000000 && b === -1 && B === -1) throw new RuntimeError("integerOverflow");
  if (small(b, B)) {
    const q = A < 0 ? divideSmall(negate(a, A), HI[0]!, Math.abs(b)) : divideSmall(a, A, Math.abs(b));
    return A < 0 !== b < 0 ? negate(q, HI[0]!) : q;
  }
  return big(a, A, b, B, 0);
}
export function i64DivU(a: number, A: number, b: number, B: number): number {
  if ((b | B) === 0) throw new RuntimeError("integerDivideByZero");
  if (B === 0) {
    if (A === 0) return result(((a >>> 0) / (b >>> 0)) | 0, 0);
    return divideSmall(a, A, b >>> 0);
  }
  return big(a, A, b, B, 1);
}
export function i64RemS(a: number, A: number, b: number, B: number): number {
  if ((b | B) === 0) throw new RuntimeError("integerDivideByZero");
  if (small(a, A) && small(b, B)) {
    const r = b === -1 ? 0 : (a % b) | 0;
    return result(r, r >> 31);
  }
  if (small(b, B)) {
    if (A < 0) divideSmall(negate(a, A), HI[0]!, Math.abs(b));
    else divideSmall(a, A, Math.abs(b));
    // The remainder has the dividend's sign, and is below 2^31 in magnitude.
    const r = A < 0 ? -REMAINDER[0]! | 0 : REMAINDER[0]! | 0;
    return result(r, r >> 31);
  }
  return big(a, A, b, B, 2);
}
export function i64RemU(a: number, A: number, b: number, B: number): number {
  if ((b | B) === 0) throw new RuntimeError("integerDivideByZero");
  if (B === 0) {
    if (A === 0) return result(((a >>> 0) % (b >>> 0)) | 0, 0);
    divideSmall(a, A, b >>> 0);
    return result(REMAINDER[0]! | 0, 0);
  }
  return big(a, A, b, B, 3);
}

/** Divisions of large values: 0 div_s, 1 div_u, 2 rem_s, 3 rem_u (operands checked by the caller). */
function big(a: number, A: number, b: number, B: number, op: number): number {
  words[0] = a;
  words[1] = A;
  words[2] = b;
  words[3] = B;
  switch (op) {
    case 0:
      longs[2] = longs[0]! / longs[1]!;
      break;
    case 1:
      longs[2] = BigInt.asUintN(64, longs[0]!) / BigInt.asUintN(64, longs[1]!);
      break;
    case 2:
      longs[2] = longs[0]! % longs[1]!;
      break;
    default:
      longs[2] = BigInt.asUintN(64, longs[0]!) % BigInt.asUintN(64, longs[1]!);
  }
  return result(words[4]!, words[5]!);
}

export function i64Clz(a: number, A: number): number {
  return A !== 0 ? Math.clz32(A) : 32 + Math.clz32(a);
}
export function i64Ctz(a: number, A: number): number {
  if (a !== 0) return 31 - Math.clz32(a & -a);
  return A !== 0 ? 63 - Math.clz32(A & -A) : 64;
}

/** The integer part of a double known to fit 64 bits, as a pair. */
function split(t: number): number {
  const hi = Math.floor(t / TWO_32);
  return result((t - hi * TWO_32) | 0, hi | 0);
}
export function i64TruncS(x: number): number {
  if (Number.isNaN(x)) throw new RuntimeError("invalidConversion");
  if (x < -TWO_63 || x >= TWO_63) throw new RuntimeError("integerOverflow");
  return split(Math.trunc(x));
}
export function i64TruncU(x: number): number {
  if (Number.isNaN(x)) throw new RuntimeError("invalidConversion");
  if (x <= -1 || x >= TWO_64) throw new RuntimeError("integerOverflow");
  return split(Math.trunc(x));
}
export function i64TruncSatS(x: number): number {
  if (Number.isNaN(x)) return result(0, 0);
  if (x < -TWO_63) return result(0, -0x80000000);
  if (x >= TWO_63) return result(-1, 0x7fffffff);
  return split(Math.trunc(x));
}
export function i64TruncSatU(x: number): number {
  if (Number.isNaN(x) || x <= -1) return result(0, 0);
  if (x >= TWO_64) return result(-1, -1);
  return split(Math.trunc(x));
}

/** The pair as a BigInt (signed), for the rare conversions that need exact rounding. */
export function i64ToBigInt(a: number, A: number): bigint {
  words[0] = a;
  words[1] = A;
  return longs[0]!;
}

/** The bits of an f64 as a pair. */
export function f64BitsPair(x: number): number {
  doubles[0] = x;
  return result(words[0]!, words[1]!);
}
