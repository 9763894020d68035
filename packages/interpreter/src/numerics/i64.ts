import { RuntimeError } from "@microwasm/core";

/**
 * i64 operations on the interpreter's cells: an i64 lives in two int32 cells, the low word at
 * `x` and the high word at `x + 1`. Every function reads all its operands before writing `d`,
 * so `d` may equal `a` or `b`.
 *
 * Nothing here allocates: no BigInt, no objects. Products are built from 16-bit pieces (every
 * partial product below 2^53, so doubles hold it exactly) and `Math.imul`; division uses one
 * exact double division when both operands are below 2^53 in magnitude, and otherwise long
 * division with 16-bit digits or a double estimate corrected by an exact remainder (see
 * `divideUnsigned`).
 */

const TWO32 = 4294967296;

// ---------------------------------------------------------------------------------------------
// Multiplication

/** `c[d] = c[a] * c[b]` (i64.mul: the low 64 bits of the product, the same signed or unsigned). */
export function i64Mul(c: Int32Array, d: number, a: number, b: number): void {
  const al = c[a]!;
  const ah = c[a + 1]!;
  const bl = c[b]!;
  const bh = c[b + 1]!;
  // High word of the unsigned 32x32 product al*bl, from 16-bit halves (each partial < 2^32).
  const a0 = al & 0xffff;
  const a1 = al >>> 16;
  const b0 = bl & 0xffff;
  const b1 = bl >>> 16;
  const p00 = a0 * b0;
  const p10 = a1 * b0;
  const p01 = a0 * b1;
  const mid = (p00 >>> 16) + (p10 & 0xffff) + (p01 & 0xffff);
  const carry = a1 * b1 + (p10 >>> 16) + (p01 >>> 16) + (mid >>> 16);
  c[d] = Math.imul(al, bl);
  c[d + 1] = (carry + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
}

// ---------------------------------------------------------------------------------------------
// Division and remainder

// Results of `divideUnsigned`, as int32 bit patterns. Module variables rather than a returned
// object so that dividing allocates nothing.
let quotientLo = 0;
let quotientHi = 0;
let remainderLo = 0;
let remainderHi = 0;

/**
 * Unsigned 64-bit division of (ah:al) by (bh:bl), both given as int32 bit patterns; the divisor
 * must be non-zero. Sets `quotientLo/Hi` and `remainderLo/Hi`.
 */
function divideUnsigned(al: number, ah: number, bl: number, bh: number): void {
  const alu = al >>> 0;
  const ahu = ah >>> 0;
  const blu = bl >>> 0;
  const bhu = bh >>> 0;
  if (ahu < 0x200000 && bhu < 0x200000) {
    // Both below 2^53: exact as doubles, and for integers n, m < 2^53 the rounded quotient
    // never reaches the next integer, so floor(n / m) is the true quotient.
    const n = ahu * TWO32 + alu;
    const m = bhu * TWO32 + blu;
    const q = Math.floor(n / m);
    const r = n - q * m;
    quotientLo = q | 0;
    quotientHi = (q / TWO32) | 0;
    remainderLo = r | 0;
    remainderHi = (r / TWO32) | 0;
    return;
  }
  if (bhu === 0) {
    // Divisor below 2^32: long division in base 2^32 for the high word, then two base-2^16
    // digits for the low word, so every partial dividend (remainder * 2^16 + digit) is < 2^48.
    const qh = Math.floor(ahu / blu);
    let r = ahu - qh * blu;
    let n = r * 65536 + (alu >>> 16);
    const q1 = Math.floor(n / blu);
    r = n - q1 * blu;
    n = r * 65536 + (alu & 0xffff);
    const q0 = Math.floor(n / blu);
    r = n - q0 * blu;
    quotientLo = (q1 * 65536 + q0) | 0;
    quotientHi = qh | 0;
    remainderLo = r | 0;
    remainderHi = 0;
    return;
  }
  // Divisor at least 2^32, so the quotient is below 2^32. The double estimate of n / m is
  // within 3 * 2^-53 relative (three roundings), i.e. under 2^-19 absolute, so its floor is the
  // true quotient q or q ± 1; one less is at most q, so q * m below cannot exceed n (no
  // overflow), and at most two corrections follow.
  let q = Math.floor((ahu * TWO32 + alu) / (bhu * TWO32 + blu));
  if (q > 0) q -= 1;
  // q * m, with q < 2^32: split blu into 16-bit halves so each partial product is < 2^48.
  const p0 = q * (blu & 0xffff);
  const p1 = q * (blu >>> 16);
  const p1Hi = Math.floor(p1 / 65536);
  const s = p0 + (p1 - p1Hi * 65536) * 65536;
  const sHi = Math.floor(s / TWO32);
  const prodLo = s - sHi * TWO32;
  const prodHi = p1Hi + sHi + q * bhu; // < 2^32 because q * m <= n
  let rLo = alu - prodLo;
  let rHi = ahu - prodHi;
  if (rLo < 0) {
    rLo += TWO32;
    rHi -= 1;
  }
  while (rHi > bhu || (rHi === bhu && rLo >= blu)) {
    rLo -= blu;
    rHi -= bhu;
    if (rLo < 0) {
      rLo += TWO32;
      rHi -= 1;
    }
    q += 1;
  }
  quotientLo = q | 0;
  quotientHi = 0;
  remainderLo = rLo | 0;
  remainderHi = rHi | 0;
}

/**
 * True when (hi:lo) lies strictly between -2^53 and 2^53, where a double holds it exactly and
 * a single double division or `%` gives exact integer results.
 */
function isSmall(hi: number): boolean {
  return (hi + 0x1fffff) >>> 0 <= 0x3ffffe;
}

/** Writes an integer-valued double in (-2^53, 2^53) as an i64. */
function writeSmall(c: Int32Array, d: number, v: number): void {
  c[d] = v | 0;
  c[d + 1] = Math.floor(v / TWO32) | 0;
}

/** i64.div_u. Traps: integer divide by zero. */
export function i64DivU(c: Int32Array, d: number, a: number, b: number): void {
  const bl = c[b]!;
  const bh = c[b + 1]!;
  if ((bl | bh) === 0) throw new RuntimeError("integerDivideByZero");
  divideUnsigned(c[a]!, c[a + 1]!, bl, bh);
  c[d] = quotientLo;
  c[d + 1] = quotientHi;
}

/** i64.rem_u. Traps: integer divide by zero. */
export function i64RemU(c: Int32Array, d: number, a: number, b: number): void {
  const bl = c[b]!;
  const bh = c[b + 1]!;
  if ((bl | bh) === 0) throw new RuntimeError("integerDivideByZero");
  divideUnsigned(c[a]!, c[a + 1]!, bl, bh);
  c[d] = remainderLo;
  c[d + 1] = remainderHi;
}

/** i64.div_s, truncating toward zero. Traps: integer divide by zero; integer overflow for INT64_MIN / -1. */
export function i64DivS(c: Int32Array, d: number, a: number, b: number): void {
  const al = c[a]!;
  const ah = c[a + 1]!;
  const bl = c[b]!;
  const bh = c[b + 1]!;
  if ((bl | bh) === 0) throw new RuntimeError("integerDivideByZero");
  if (isSmall(ah) && isSmall(bh)) {
    writeSmall(c, d, Math.trunc((ah * TWO32 + (al >>> 0)) / (bh * TWO32 + (bl >>> 0))));
    return;
  }
  if (al === 0 && ah === -0x80000000 && (bl & bh) === -1) throw new RuntimeError("integerOverflow");
  // Divide the magnitudes (INT64_MIN's is 2^63, fine unsigned), then apply the sign.
  const aNeg = ah < 0;
  const bNeg = bh < 0;
  divideUnsigned(
    aNeg ? -al | 0 : al,
    aNeg ? (~ah + (al === 0 ? 1 : 0)) | 0 : ah,
    bNeg ? -bl | 0 : bl,
    bNeg ? (~bh + (bl === 0 ? 1 : 0)) | 0 : bh,
  );
  if (aNeg !== bNeg) {
    c[d] = -quotientLo | 0;
    c[d + 1] = (~quotientHi + (quotientLo === 0 ? 1 : 0)) | 0;
  } else {
    c[d] = quotientLo;
    c[d + 1] = quotientHi;
  }
}

/** i64.rem_s: the remainder has the dividend's sign; INT64_MIN rem -1 is 0. Traps: integer divide by zero. */
export function i64RemS(c: Int32Array, d: number, a: number, b: number): void {
  const al = c[a]!;
  const ah = c[a + 1]!;
  const bl = c[b]!;
  const bh = c[b + 1]!;
  if ((bl | bh) === 0) throw new RuntimeError("integerDivideByZero");
  if (isSmall(ah) && isSmall(bh)) {
    // `%` on doubles is exact (the remainder is always representable); it keeps the dividend's
    // sign, and `| 0` / floor below turn -0 into 0.
    writeSmall(c, d, (ah * TWO32 + (al >>> 0)) % (bh * TWO32 + (bl >>> 0)));
    return;
  }
  const aNeg = ah < 0;
  const bNeg = bh < 0;
  divideUnsigned(
    aNeg ? -al | 0 : al,
    aNeg ? (~ah + (al === 0 ? 1 : 0)) | 0 : ah,
    bNeg ? -bl | 0 : bl,
    bNeg ? (~bh + (bl === 0 ? 1 : 0)) | 0 : bh,
  );
  if (aNeg) {
    c[d] = -remainderLo | 0;
    c[d + 1] = (~remainderHi + (remainderLo === 0 ? 1 : 0)) | 0;
  } else {
    c[d] = remainderLo;
    c[d + 1] = remainderHi;
  }
}

// ---------------------------------------------------------------------------------------------
// Shifts and rotations: the count is b's low 6 bits. JS shifts take their count mod 32, so the
// n = 0 and n >= 32 cases are split out.

/** i64.shl */
export function i64Shl(c: Int32Array, d: number, a: number, b: number): void {
  const lo = c[a]!;
  const hi = c[a + 1]!;
  const n = c[b]! & 63;
  if (n === 0) {
    c[d] = lo;
    c[d + 1] = hi;
  } else if (n < 32) {
    c[d] = lo << n;
    c[d + 1] = (hi << n) | (lo >>> (32 - n));
  } else {
    c[d] = 0;
    c[d + 1] = lo << (n - 32);
  }
}

/** i64.shr_s */
export function i64ShrS(c: Int32Array, d: number, a: number, b: number): void {
  const lo = c[a]!;
  const hi = c[a + 1]!;
  const n = c[b]! & 63;
  if (n === 0) {
    c[d] = lo;
    c[d + 1] = hi;
  } else if (n < 32) {
    c[d] = (lo >>> n) | (hi << (32 - n));
    c[d + 1] = hi >> n;
  } else {
    c[d] = hi >> (n - 32);
    c[d + 1] = hi >> 31;
  }
}

/** i64.shr_u */
export function i64ShrU(c: Int32Array, d: number, a: number, b: number): void {
  const lo = c[a]!;
  const hi = c[a + 1]!;
  const n = c[b]! & 63;
  if (n === 0) {
    c[d] = lo;
    c[d + 1] = hi;
  } else if (n < 32) {
    c[d] = (lo >>> n) | (hi << (32 - n));
    c[d + 1] = hi >>> n;
  } else {
    c[d] = hi >>> (n - 32);
    c[d + 1] = 0;
  }
}

/** Writes (hi:lo) rotated left by n (0..63) into c[d], c[d + 1]. */
function rotateLeft(c: Int32Array, d: number, lo: number, hi: number, n: number): void {
  if (n >= 32) {
    const t = lo;
    lo = hi;
    hi = t;
    n -= 32;
  }
  if (n === 0) {
    c[d] = lo;
    c[d + 1] = hi;
  } else {
    c[d] = (lo << n) | (hi >>> (32 - n));
    c[d + 1] = (hi << n) | (lo >>> (32 - n));
  }
}

/** i64.rotl */
export function i64Rotl(c: Int32Array, d: number, a: number, b: number): void {
  rotateLeft(c, d, c[a]!, c[a + 1]!, c[b]! & 63);
}

/** i64.rotr */
export function i64Rotr(c: Int32Array, d: number, a: number, b: number): void {
  rotateLeft(c, d, c[a]!, c[a + 1]!, -c[b]! & 63);
}

// ---------------------------------------------------------------------------------------------
// Bit counts (the result is an i64)

/** i64.clz */
export function i64Clz(c: Int32Array, d: number, a: number): void {
  const hi = c[a + 1]!;
  c[d] = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(c[a]!);
  c[d + 1] = 0;
}

/** Trailing zeros of a 32-bit word; 32 for 0. */
function ctz32(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

/** i64.ctz */
export function i64Ctz(c: Int32Array, d: number, a: number): void {
  const lo = c[a]!;
  c[d] = lo !== 0 ? ctz32(lo) : 32 + ctz32(c[a + 1]!);
  c[d + 1] = 0;
}

/** Set bits of a 32-bit word (SWAR). */
function popcnt32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** i64.popcnt */
export function i64Popcnt(c: Int32Array, d: number, a: number): void {
  c[d] = popcnt32(c[a]!) + popcnt32(c[a + 1]!);
  c[d + 1] = 0;
}

// ---------------------------------------------------------------------------------------------
// Ordered comparisons: high words decide (signed or unsigned), low words break ties unsigned.

/** i64.lt_s */
export function i64LtS(c: Int32Array, a: number, b: number): boolean {
  const ah = c[a + 1]!;
  const bh = c[b + 1]!;
  return ah < bh || (ah === bh && c[a]! >>> 0 < c[b]! >>> 0);
}

/** i64.lt_u */
export function i64LtU(c: Int32Array, a: number, b: number): boolean {
  const ah = c[a + 1]! >>> 0;
  const bh = c[b + 1]! >>> 0;
  return ah < bh || (ah === bh && c[a]! >>> 0 < c[b]! >>> 0);
}

/** i64.le_s */
export function i64LeS(c: Int32Array, a: number, b: number): boolean {
  const ah = c[a + 1]!;
  const bh = c[b + 1]!;
  return ah < bh || (ah === bh && c[a]! >>> 0 <= c[b]! >>> 0);
}

/** i64.le_u */
export function i64LeU(c: Int32Array, a: number, b: number): boolean {
  const ah = c[a + 1]! >>> 0;
  const bh = c[b + 1]! >>> 0;
  return ah < bh || (ah === bh && c[a]! >>> 0 <= c[b]! >>> 0);
}

/** i64.gt_s */
export function i64GtS(c: Int32Array, a: number, b: number): boolean {
  return i64LtS(c, b, a);
}

/** i64.gt_u */
export function i64GtU(c: Int32Array, a: number, b: number): boolean {
  return i64LtU(c, b, a);
}

/** i64.ge_s */
export function i64GeS(c: Int32Array, a: number, b: number): boolean {
  return i64LeS(c, b, a);
}

/** i64.ge_u */
export function i64GeU(c: Int32Array, a: number, b: number): boolean {
  return i64LeU(c, b, a);
}
