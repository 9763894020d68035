import { RuntimeError } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import * as N from "../../src/numerics/index.js";
import { i64FromWords, prng, randomI64, refI64, wordsOf } from "./reference.js";

type Binary = (c: Int32Array, d: number, a: number, b: number) => void;
type Unary = (c: Int32Array, d: number, a: number) => void;
type Compare = (c: Int32Array, a: number, b: number) => boolean;

const MIN = -(1n << 63n);
const MAX = (1n << 63n) - 1n;

/** Edge operands: zero, ±1, the extremes, around 2^31, 2^32, 2^53 and 2^63, powers of two. */
const edges: bigint[] = (() => {
  const set = new Set<bigint>([0n, 1n, -1n, 2n, -2n, 3n, -3n, 7n, 10n, -10n, MIN, MAX, MIN + 1n, MAX - 1n]);
  for (const k of [16, 31, 32, 33, 48, 52, 53, 54, 62, 63]) {
    const p = 1n << BigInt(k);
    for (const v of [p - 1n, p, p + 1n, -p + 1n, -p, -p - 1n]) set.add(BigInt.asIntN(64, v));
  }
  for (const v of [0x0123456789abcdefn, 0xfedcba9876543210n, 0x5555555555555555n, 0xaaaaaaaaaaaaaaaan])
    set.add(BigInt.asIntN(64, v));
  for (const v of [0xffffffffn, 0x1_0000_0001n, 0x8000_0000_0000_0001n, 0x7fff_ffff_8000_0000n])
    set.add(BigInt.asIntN(64, v));
  return [...set];
})();

const binaries: [keyof typeof refI64, Binary][] = [
  ["mul", N.i64Mul],
  ["div_s", N.i64DivS],
  ["div_u", N.i64DivU],
  ["rem_s", N.i64RemS],
  ["rem_u", N.i64RemU],
  ["shl", N.i64Shl],
  ["shr_s", N.i64ShrS],
  ["shr_u", N.i64ShrU],
  ["rotl", N.i64Rotl],
  ["rotr", N.i64Rotr],
];
const unaries: [keyof typeof refI64, Unary][] = [
  ["clz", N.i64Clz],
  ["ctz", N.i64Ctz],
  ["popcnt", N.i64Popcnt],
];
const compares: [keyof typeof refI64, Compare][] = [
  ["lt_s", N.i64LtS],
  ["lt_u", N.i64LtU],
  ["le_s", N.i64LeS],
  ["le_u", N.i64LeU],
  ["gt_s", N.i64GtS],
  ["gt_u", N.i64GtU],
  ["ge_s", N.i64GeS],
  ["ge_u", N.i64GeU],
];

const c = new Int32Array(16);

function set(index: number, v: bigint): void {
  [c[index], c[index + 1]] = wordsOf(v);
}

function get(index: number): bigint {
  return i64FromWords(c[index]!, c[index + 1]!);
}

/** Runs f on cells with a at 4, b at 8 and the destination at `d`; returns the result or the trap. */
function runBinary(f: Binary, a: bigint, b: bigint, d: number): bigint | string {
  c.fill(0x5a5a5a5a);
  set(4, a);
  set(8, b);
  try {
    f(c, d, 4, 8);
  } catch (e) {
    if (e instanceof RuntimeError) return e.message;
    throw e;
  }
  return get(d);
}

/** Checks every destination placement (separate, d = a, d = b), returning the first mismatch. */
function checkBinary(name: keyof typeof refI64, f: Binary, a: bigint, b: bigint): string | undefined {
  const want = (refI64[name] as (a: bigint, b: bigint) => bigint | string)(a, b);
  for (const d of [12, 4, 8]) {
    if (d === 8 && a === b) continue;
    const got = runBinary(f, a, b, d);
    if (got !== want) return `${name}(${a}, ${b}) at d=${d}: got ${got}, want ${want}`;
  }
  return undefined;
}

function checkUnary(name: keyof typeof refI64, f: Unary, a: bigint): string | undefined {
  const want = (refI64[name] as (a: bigint) => bigint)(a);
  for (const d of [12, 4]) {
    c.fill(0x5a5a5a5a);
    set(4, a);
    f(c, d, 4);
    const got = get(d);
    if (got !== want) return `${name}(${a}) at d=${d}: got ${got}, want ${want}`;
  }
  return undefined;
}

function checkCompare(name: keyof typeof refI64, f: Compare, a: bigint, b: bigint): string | undefined {
  const want = (refI64[name] as (a: bigint, b: bigint) => boolean)(a, b);
  set(4, a);
  set(8, b);
  const got = f(c, 4, 8);
  return got === want ? undefined : `${name}(${a}, ${b}): got ${got}, want ${want}`;
}

describe("i64 against the BigInt reference", () => {
  for (const [name, f] of binaries) {
    it(`${name} on edge operands`, () => {
      const failures: string[] = [];
      for (const a of edges) {
        for (const b of edges) {
          const why = checkBinary(name, f, a, b);
          if (why) failures.push(why);
        }
        // shift counts beyond 63 and negative ones use only the low 6 bits
        for (const n of [0n, 1n, 31n, 32n, 33n, 63n, 64n, 65n, 95n, 96n, 127n, 128n, -1n, -32n, -63n, -64n]) {
          const why = checkBinary(name, f, a, n);
          if (why) failures.push(why);
        }
      }
      expect(failures).toEqual([]);
    });

    it(`${name} on 5000 random operands`, () => {
      const next = prng(0x1234 + name.length * 7919 + name.charCodeAt(0));
      const failures: string[] = [];
      for (let i = 0; i < 5000; i++) {
        const a = randomI64(next);
        const b = name.startsWith("sh") || name.startsWith("rot") ? BigInt(next()) : randomI64(next);
        const why = checkBinary(name, f, a, b);
        if (why) failures.push(why);
      }
      expect(failures).toEqual([]);
    });
  }

  for (const [name, f] of unaries) {
    it(`${name} on edge and random operands`, () => {
      const next = prng(0x777 + name.length);
      const failures: string[] = [];
      const operands = [...edges];
      for (let k = 0; k < 64; k++) operands.push(BigInt.asIntN(64, 1n << BigInt(k)), (1n << BigInt(k)) - 1n);
      for (let i = 0; i < 5000; i++) operands.push(randomI64(next));
      for (const a of operands) {
        const why = checkUnary(name, f, a);
        if (why) failures.push(why);
      }
      expect(failures).toEqual([]);
    });
  }

  for (const [name, f] of compares) {
    it(`${name} on edge and random operands`, () => {
      const next = prng(0x999 + name.length + name.charCodeAt(1));
      const failures: string[] = [];
      for (const a of edges) {
        for (const b of edges) {
          const why = checkCompare(name, f, a, b);
          if (why) failures.push(why);
        }
      }
      for (let i = 0; i < 5000; i++) {
        const a = randomI64(next);
        // half the time share the high word, so the low-word tie-break is exercised
        const b = next() < 0 ? randomI64(next) : i64FromWords(next(), wordsOf(a)[1]);
        const why = checkCompare(name, f, a, b);
        if (why) failures.push(why);
      }
      expect(failures).toEqual([]);
    });
  }
});

describe("i64 division near quotient boundaries", () => {
  it("divides q * b + r exactly for r in {0, 1, b / 2, b - 1} (5000 random q, b)", () => {
    // Dividends just at and just below a multiple of the divisor are where a double estimate
    // of the quotient lands on the wrong integer and the correction must step.
    const next = prng(0xd1d1);
    const failures: string[] = [];
    const divisions = binaries.filter(([name]) => name.includes("div") || name.includes("rem"));
    for (let i = 0; i < 5000; i++) {
      const b = BigInt.asUintN(64, randomI64(next)) | 1n;
      const qMax = ((1n << 64n) - 1n) / b;
      const q = BigInt.asUintN(64, randomI64(next)) % (qMax + 1n);
      for (const r of [0n, 1n, b / 2n, b - 1n]) {
        const a = q * b + r;
        if (a >= 1n << 64n) continue;
        for (const [name, f] of divisions) {
          const why = checkBinary(name, f, BigInt.asIntN(64, a), BigInt.asIntN(64, b));
          if (why) failures.push(why);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("i64 traps", () => {
  it("divide by zero in all four divisions, whatever the dividend", () => {
    for (const f of [N.i64DivS, N.i64DivU, N.i64RemS, N.i64RemU]) {
      for (const a of [0n, 1n, MIN, MAX, -1n]) {
        expect(runBinary(f, a, 0n, 12)).toBe("integer divide by zero");
      }
    }
  });

  it("overflows only for INT64_MIN div_s -1; rem_s of the same is 0", () => {
    expect(runBinary(N.i64DivS, MIN, -1n, 12)).toBe("integer overflow");
    expect(runBinary(N.i64RemS, MIN, -1n, 12)).toBe(0n);
    expect(runBinary(N.i64DivU, MIN, -1n, 12)).toBe(0n);
    expect(runBinary(N.i64DivS, MIN, 1n, 12)).toBe(MIN);
    expect(runBinary(N.i64DivS, MIN + 1n, -1n, 12)).toBe(MAX);
  });

  it("throws RuntimeError with the trap kind", () => {
    set(4, 1n);
    set(8, 0n);
    let error: unknown;
    try {
      N.i64DivU(c, 12, 4, 8);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as RuntimeError).trap).toBe("integerDivideByZero");
  });
});
