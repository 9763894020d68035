import { RuntimeError } from "@microwasm/core";

/**
 * i64 in compiled code: a pair of int32 variables (low word, high word). Operators that do not
 * fit inline return the low word and leave the high word in `HI[0]`, which the caller reads
 * right away. Multiply, divide and remainder of large values go through a BigInt64Array, as in
 * the interpreter (optimized code turns those into machine instructions).
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

export function i64Mul(a: number, A: number, b: number, B: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const cross = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const high = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (cross >>> 16);
  HI[0] = (high + Math.imul(a, B) + Math.imul(A, b)) | 0;
  return Math.imul(a, b);
}

/** Whether (lo, hi) is a sign-extended int32. */
const small = (lo: number, hi: number): boolean => hi === lo >> 31;

/** The last `divideSmall`'s quotient (low and high words) and remainder. */
let quotientLo = 0;
let quotientHi = 0;
let remainder = 0;

/**
 * Unsigned (hi:lo) / d for a divisor below 2^32, in doubles: 32 then two 16-bit steps, each
 * dividend below 2^48 so products are exact; a rounded-up quotient is corrected by one.
 */
function divideSmall(lo: number, hi: number, d: number): void {
  const h = hi >>> 0;
  const q1 = Math.floor(h / d);
  let r = h - q1 * d;
  let n = r * 65536 + (lo >>> 16);
  let q2 = Math.floor(n / d);
  r = n - q2 * d;
  if (r < 0) {
    q2--;
    r += d;
  }
  n = r * 65536 + (lo & 0xffff);
  let q3 = Math.floor(n / d);
  r = n - q3 * d;
  if (r < 0) {
    q3--;
    r += d;
  }
  quotientLo = (q2 * 65536 + q3) | 0;
  quotientHi = q1 | 0;
  remainder = r;
}

/** (hi:lo) negated, low word returned and high word in `negHi`. */
let negHi = 0;
function negate(lo: number, hi: number): number {
  const l = -lo | 0;
  negHi = (~hi + (l === 0 ? 1 : 0)) | 0;
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
    let lo = a;
    let hi = A;
    if (A < 0) {
      lo = negate(a, A);
      hi = negHi;
    }
    divideSmall(lo, hi, Math.abs(b));
    if (A < 0 !== b < 0) return result(negate(quotientLo, quotientHi), negHi);
    return result(quotientLo, quotientHi);
  }
  return big(a, A, b, B, 0);
}
export function i64DivU(a: number, A: number, b: number, B: number): number {
  if ((b | B) === 0) throw new RuntimeError("integerDivideByZero");
  if (B === 0) {
    if (A === 0) return result(((a >>> 0) / (b >>> 0)) | 0, 0);
    divideSmall(a, A, b >>> 0);
    return result(quotientLo, quotientHi);
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
    let lo = a;
    let hi = A;
    if (A < 0) {
      lo = negate(a, A);
      hi = negHi;
    }
    divideSmall(lo, hi, Math.abs(b));
    // The remainder has the dividend's sign, and is below 2^31 in magnitude.
    const r = A < 0 ? -remainder | 0 : remainder | 0;
    return result(r, r >> 31);
  }
  return big(a, A, b, B, 2);
}
export function i64RemU(a: number, A: number, b: number, B: number): number {
  if ((b | B) === 0) throw new RuntimeError("integerDivideByZero");
  if (B === 0) {
    if (A === 0) return result(((a >>> 0) % (b >>> 0)) | 0, 0);
    divideSmall(a, A, b >>> 0);
    return result(remainder | 0, 0);
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

export function i64Shl(a: number, A: number, k: number): number {
  k &= 63;
  if (k === 0) return result(a, A);
  if (k < 32) return result(a << k, (A << k) | (a >>> (32 - k)));
  return result(0, a << (k - 32));
}
export function i64ShrS(a: number, A: number, k: number): number {
  k &= 63;
  if (k === 0) return result(a, A);
  if (k < 32) return result((a >>> k) | (A << (32 - k)), A >> k);
  return result(A >> (k - 32), A >> 31);
}
export function i64ShrU(a: number, A: number, k: number): number {
  k &= 63;
  if (k === 0) return result(a, A);
  if (k < 32) return result((a >>> k) | (A << (32 - k)), A >>> k);
  return result((A >>> (k - 32)) | 0, 0);
}
export function i64Rotl(a: number, A: number, k: number): number {
  k &= 63;
  if (k >= 32) {
    const t = a;
    a = A;
    A = t;
    k -= 32;
  }
  if (k === 0) return result(a, A);
  return result((a << k) | (A >>> (32 - k)), (A << k) | (a >>> (32 - k)));
}
export function i64Rotr(a: number, A: number, k: number): number {
  return i64Rotl(a, A, 64 - (k & 63));
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
