/**
 * Exact references for the numerics tests, written the slow and obvious way with BigInt and
 * rationals: wast literal parsing, correct rounding of a rational to f32/f64, and the i64
 * operations and conversions as the spec defines them.
 */

// ---------------------------------------------------------------------------------------------
// Bits and numbers

const scratch = new DataView(new ArrayBuffer(8));

export function f32FromBits(bits: bigint): number {
  scratch.setUint32(0, Number(bits));
  return scratch.getFloat32(0);
}

export function f64FromBits(bits: bigint): number {
  scratch.setBigUint64(0, bits);
  return scratch.getFloat64(0);
}

export function f32Bits(x: number): bigint {
  scratch.setFloat32(0, x);
  return BigInt(scratch.getUint32(0));
}

export function f64Bits(x: number): bigint {
  scratch.setFloat64(0, x);
  return scratch.getBigUint64(0);
}

/** The i64 in cells (lo, hi) as a signed bigint. */
export function i64FromWords(lo: number, hi: number): bigint {
  return (BigInt(hi | 0) << 32n) | BigInt(lo >>> 0);
}

/** Low and high int32 words of an i64 (any bigint, wrapped to 64 bits). */
export function wordsOf(v: bigint): [lo: number, hi: number] {
  const u = BigInt.asUintN(64, v);
  return [Number(u & 0xffffffffn) | 0, Number(u >> 32n) | 0];
}

// ---------------------------------------------------------------------------------------------
// Exact rounding of rationals

export interface FloatFormat {
  readonly precision: number; // significand bits, including the implicit one
  readonly exponentBits: number;
}
export const F32: FloatFormat = { precision: 24, exponentBits: 8 };
export const F64: FloatFormat = { precision: 53, exponentBits: 11 };

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** The bits of num / den (den > 0) rounded to nearest, ties to even, in format f. */
export function roundToBits(num: bigint, den: bigint, f: FloatFormat): bigint {
  const p = f.precision;
  const emax = (1 << (f.exponentBits - 1)) - 1;
  const emin = 1 - emax;
  const signBit = num < 0n ? 1n << BigInt(f.exponentBits + p - 1) : 0n;
  const n = num < 0n ? -num : num;
  if (n === 0n) return signBit;
  let e = bitLength(n) - bitLength(den); // floor(log2(n / den)) is e or e - 1
  if (e >= 0 ? n < den << BigInt(e) : n << BigInt(-e) < den) e -= 1;
  if (e < emin) e = emin; // subnormal: fixed exponent, fewer significant bits
  const shift = p - 1 - e;
  const sn = shift >= 0 ? n << BigInt(shift) : n;
  const sd = shift >= 0 ? den : den << BigInt(-shift);
  let m = sn / sd;
  const twiceRest = 2n * (sn - m * sd);
  if (twiceRest > sd || (twiceRest === sd && (m & 1n) === 1n)) m += 1n;
  if (m === 1n << BigInt(p)) {
    m >>= 1n;
    e += 1;
  }
  const expField = BigInt(f.exponentBits);
  if (e > emax) return signBit | (((1n << expField) - 1n) << BigInt(p - 1)); // infinity
  if (m < 1n << BigInt(p - 1)) return signBit | m; // subnormal
  return signBit | (BigInt(e + emax) << BigInt(p - 1)) | (m - (1n << BigInt(p - 1)));
}

/** The exact integer's correctly rounded f32 value. */
export function bigintToF32(v: bigint): number {
  return f32FromBits(roundToBits(v, 1n, F32));
}

/** The exact integer's correctly rounded f64 value. */
export function bigintToF64(v: bigint): number {
  return f64FromBits(roundToBits(v, 1n, F64));
}

/** The exact value of a finite double as a rational num / den (den a power of two). */
export function exactRational(x: number): [num: bigint, den: bigint] {
  const bits = f64Bits(x);
  const negative = bits >> 63n === 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  const m = exp === 0 ? frac : frac | (1n << 52n);
  const e = (exp === 0 ? 1 : exp) - 1075; // value = m * 2^e
  const num = negative ? -m : m;
  return e >= 0 ? [num << BigInt(e), 1n] : [num, 1n << BigInt(-e)];
}

/** trunc(x) as an exact bigint, for finite x. */
export function truncToBigint(x: number): bigint {
  const [num, den] = exactRational(x);
  return num / den; // BigInt division truncates toward zero
}

// ---------------------------------------------------------------------------------------------
// wast literals

const nanPattern = /^([+-]?)nan(?::(0x[0-9a-fA-F_]+|canonical|arithmetic))?$/;

/** A wast integer literal as a signed bigint of `bits` bits. */
export function parseIntLiteral(text: string, bits: 32 | 64): bigint {
  const t = text.replaceAll("_", "");
  const negative = t.startsWith("-");
  const body = t.replace(/^[+-]/, "");
  const magnitude = BigInt(body);
  return BigInt.asIntN(bits, negative ? -magnitude : magnitude);
}

/**
 * A wast float literal: its bits, or "canonical"/"arithmetic" for the result patterns
 * `nan:canonical` and `nan:arithmetic`.
 */
export function parseFloatLiteral(text: string, f: FloatFormat): bigint | "canonical" | "arithmetic" {
  const t = text.replaceAll("_", "");
  const p = BigInt(f.precision);
  const signBit = t.startsWith("-") ? 1n << (BigInt(f.exponentBits) + p - 1n) : 0n;
  const expAllOnes = ((1n << BigInt(f.exponentBits)) - 1n) << (p - 1n);
  const nan = nanPattern.exec(t);
  if (nan) {
    const payload = nan[2];
    if (payload === "canonical" || payload === "arithmetic") return payload;
    return signBit | expAllOnes | (payload === undefined ? 1n << (p - 2n) : BigInt(payload));
  }
  const body = t.replace(/^[+-]/, "");
  if (body === "inf") return signBit | expAllOnes;
  let num: bigint;
  let den = 1n;
  const hex = /^0x([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/.exec(body);
  if (hex) {
    const int = hex[1] ?? "";
    const frac = hex[2] ?? "";
    num = BigInt(`0x${int}${frac}` === "0x" ? "0" : `0x${int}${frac}`);
    const e = Number(hex[3] ?? "0") - 4 * frac.length;
    if (e >= 0) num <<= BigInt(e);
    else den = 1n << BigInt(-e);
  } else {
    const dec = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(body);
    if (!dec) throw new Error(`bad float literal ${text}`);
    const int = dec[1] ?? "";
    const frac = dec[2] ?? "";
    num = BigInt(`${int}${frac}` || "0");
    const e = Number(dec[3] ?? "0") - frac.length;
    if (e >= 0) num *= 10n ** BigInt(e);
    else den = 10n ** BigInt(-e);
  }
  return signBit | roundToBits(num, den, f);
}

// ---------------------------------------------------------------------------------------------
// i64 reference operations (signed bigints in and out; traps as their messages)

export type Trap = "integer divide by zero" | "integer overflow" | "invalid conversion to integer";

const MIN64 = -(1n << 63n);
const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);

export const refI64 = {
  mul: (a: bigint, b: bigint): bigint => s64(a * b),
  div_s: (a: bigint, b: bigint): bigint | Trap => {
    if (b === 0n) return "integer divide by zero";
    if (a === MIN64 && b === -1n) return "integer overflow";
    return s64(a / b);
  },
  div_u: (a: bigint, b: bigint): bigint | Trap =>
    b === 0n ? "integer divide by zero" : s64(u64(a) / u64(b)),
  rem_s: (a: bigint, b: bigint): bigint | Trap => (b === 0n ? "integer divide by zero" : s64(a % b)),
  rem_u: (a: bigint, b: bigint): bigint | Trap =>
    b === 0n ? "integer divide by zero" : s64(u64(a) % u64(b)),
  shl: (a: bigint, b: bigint): bigint => s64(a << (u64(b) & 63n)),
  shr_s: (a: bigint, b: bigint): bigint => a >> (u64(b) & 63n),
  shr_u: (a: bigint, b: bigint): bigint => s64(u64(a) >> (u64(b) & 63n)),
  rotl: (a: bigint, b: bigint): bigint => {
    const n = u64(b) & 63n;
    return s64((u64(a) << n) | (u64(a) >> ((64n - n) & 63n)));
  },
  rotr: (a: bigint, b: bigint): bigint => {
    const n = u64(b) & 63n;
    return s64((u64(a) >> n) | (u64(a) << ((64n - n) & 63n)));
  },
  clz: (a: bigint): bigint => BigInt(64 - bitLength(u64(a))),
  ctz: (a: bigint): bigint => {
    const u = u64(a);
    if (u === 0n) return 64n;
    let n = 0n;
    while (((u >> n) & 1n) === 0n) n++;
    return n;
  },
  popcnt: (a: bigint): bigint => BigInt([...u64(a).toString(2)].filter((ch) => ch === "1").length),
  lt_s: (a: bigint, b: bigint): boolean => a < b,
  lt_u: (a: bigint, b: bigint): boolean => u64(a) < u64(b),
  le_s: (a: bigint, b: bigint): boolean => a <= b,
  le_u: (a: bigint, b: bigint): boolean => u64(a) <= u64(b),
  gt_s: (a: bigint, b: bigint): boolean => a > b,
  gt_u: (a: bigint, b: bigint): boolean => u64(a) > u64(b),
  ge_s: (a: bigint, b: bigint): boolean => a >= b,
  ge_u: (a: bigint, b: bigint): boolean => u64(a) >= u64(b),
};

/**
 * Float → integer truncation per the spec: trapping when `saturate` is false, else clamped.
 * Returns the result as a signed bigint of `bits` bits.
 */
export function refTrunc(x: number, bits: 32 | 64, signed: boolean, saturate: boolean): bigint | Trap {
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  if (Number.isNaN(x)) return saturate ? 0n : "invalid conversion to integer";
  if (!Number.isFinite(x)) {
    if (!saturate) return "integer overflow";
    return BigInt.asIntN(bits, x < 0 ? min : max);
  }
  const t = truncToBigint(x);
  if (t < min || t > max) {
    if (!saturate) return "integer overflow";
    return BigInt.asIntN(bits, t < min ? min : max);
  }
  return BigInt.asIntN(bits, t);
}

/** Round half to even of a finite double, exactly (keeps the sign of zero results). */
export function refNearest(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const [num, den] = exactRational(x);
  const negative = num < 0n;
  const n = negative ? -num : num;
  let q = n / den;
  const twiceRest = 2n * (n - q * den);
  if (twiceRest > den || (twiceRest === den && (q & 1n) === 1n)) q += 1n;
  const magnitude = Number(q); // |x| < 2^53 whenever there was a fraction, so exact
  return negative ? -magnitude : magnitude;
}

// ---------------------------------------------------------------------------------------------
// Seeded random numbers

/** mulberry32: a small, fast 32-bit PRNG, so random tests are reproducible. */
export function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) | 0;
  };
}

/**
 * A random i64 biased toward the interesting: uniform bits, small magnitudes, values near
 * powers of two, and words of all zeros or all ones.
 */
export function randomI64(next: () => number): bigint {
  const kind = (next() >>> 0) % 6;
  const bits = i64FromWords(next(), next());
  switch (kind) {
    case 0:
      return bits;
    case 1: // up to 53 bits, either sign
      return BigInt.asIntN(64, bits >> BigInt((next() >>> 0) % 64));
    case 2: {
      // 2^k + small
      const k = BigInt((next() >>> 0) % 64);
      return BigInt.asIntN(64, (1n << k) + BigInt((next() % 5) | 0));
    }
    case 3: // random low word, high word 0 or -1
      return i64FromWords(next(), next() < 0 ? -1 : 0);
    case 4: // random high word, low word 0 or -1
      return i64FromWords(next() < 0 ? -1 : 0, next());
    default: // a run of ones
      return BigInt.asIntN(64, ((1n << BigInt((next() >>> 0) % 65)) - 1n) << BigInt((next() >>> 0) % 64));
  }
}
