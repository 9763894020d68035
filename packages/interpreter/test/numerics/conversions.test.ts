import { RuntimeError } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import * as N from "../../src/numerics/index.js";
import {
  bigintToF32,
  bigintToF64,
  f64FromBits,
  i64FromWords,
  prng,
  randomI64,
  refTrunc,
  type Trap,
  wordsOf,
} from "./reference.js";

const TWO32 = 2 ** 32;
const TWO53 = 2 ** 53;
const TWO63 = 2 ** 63;
const TWO64 = 2 ** 64;

/** f64 inputs at and around every truncation bound, plus specials. */
const f64Edges: number[] = [
  0,
  -0,
  5e-324,
  -5e-324,
  1e-300,
  0.5,
  -0.5,
  0.9,
  -0.9,
  0.9999999999999999,
  -0.9999999999999999,
  1,
  -1,
  1.5,
  -1.5,
  2147483647,
  2147483647.9,
  2147483648,
  2147483648.5,
  -2147483648,
  -2147483648.9,
  -2147483649,
  -2147483649.5,
  4294967295,
  4294967295.5,
  4294967295.9999995,
  4294967296,
  TWO53 - 1,
  TWO53,
  TWO53 + 2,
  -TWO53,
  Number(9223372036854775807n), // = 2^63 as a double: out of range for i64.trunc_s
  TWO63 - 1024, // the double just below 2^63
  -TWO63, // in range
  -TWO63 - 2048, // the double just below -2^63
  TWO64,
  TWO64 - 2048,
  1e30,
  -1e30,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  f64FromBits(0x7ff0000000000001n), // signalling NaN
  f64FromBits(0xfff8000000000000n), // negative NaN
];

/** f32 inputs: the f64 edges rounded, plus the f32 values nearest the bounds. */
const f32Edges: number[] = [
  ...f64Edges.map(Math.fround),
  2147483520,
  -2147483904,
  4294967040,
  TWO63 - 2 ** 39, // largest f32 below 2^63
  -TWO63 - 2 ** 40, // the f32 just below -2^63
  TWO64 - 2 ** 40, // largest f32 below 2^64
  Math.fround(0.99999994),
  Math.fround(-0.99999994),
  Math.fround(1.1920929e-7),
];

/** Random doubles: random bit patterns, and random magnitudes 2^0..2^70 with fractions. */
function randomDoubles(seed: number, count: number): number[] {
  const next = prng(seed);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 4 === 0) {
      out.push(f64FromBits(BigInt.asUintN(64, i64FromWords(next(), next()))));
    } else {
      const magnitude = ((next() >>> 0) / TWO32 + 1) * 2 ** ((next() >>> 0) % 70);
      out.push(next() < 0 ? -magnitude : magnitude);
    }
  }
  return out;
}

type Result = bigint | Trap;

function trapOf(run: () => bigint): Result {
  try {
    return run();
  } catch (e) {
    if (e instanceof RuntimeError) return e.message as Trap;
    throw e;
  }
}

const cells = new Int32Array(8);

/** [name, bits, signed, saturate, f32 input?, run]: all sixteen truncations through one shape. */
const truncations: [string, 32 | 64, boolean, boolean, boolean, (x: number) => bigint][] = [];
for (const [to, fns] of [
  [
    32,
    {
      F32S: N.i32TruncF32S,
      F32U: N.i32TruncF32U,
      F64S: N.i32TruncF64S,
      F64U: N.i32TruncF64U,
      SatF32S: N.i32TruncSatF32S,
      SatF32U: N.i32TruncSatF32U,
      SatF64S: N.i32TruncSatF64S,
      SatF64U: N.i32TruncSatF64U,
    },
  ],
  [
    64,
    {
      F32S: N.i64TruncF32S,
      F32U: N.i64TruncF32U,
      F64S: N.i64TruncF64S,
      F64U: N.i64TruncF64U,
      SatF32S: N.i64TruncSatF32S,
      SatF32U: N.i64TruncSatF32U,
      SatF64S: N.i64TruncSatF64S,
      SatF64U: N.i64TruncSatF64U,
    },
  ],
] as const) {
  for (const [suffix, fn] of Object.entries(fns)) {
    const run =
      to === 32
        ? (x: number) => BigInt((fn as (x: number) => number)(x))
        : (x: number) => {
            cells.fill(0x5a5a5a5a);
            (fn as (c: Int32Array, d: number, x: number) => void)(cells, 2, x);
            return i64FromWords(cells[2]!, cells[3]!);
          };
    truncations.push([
      `i${to}Trunc${suffix}`,
      to,
      suffix.endsWith("S"),
      suffix.startsWith("Sat"),
      suffix.includes("F32"),
      run,
    ]);
  }
}

describe("float → integer truncation", () => {
  for (const [name, bits, signed, saturate, fromF32, run] of truncations) {
    it(`${name} matches the exact reference on edges and 4000 random inputs`, () => {
      const inputs = [...(fromF32 ? f32Edges : f64Edges), ...randomDoubles(bits * 31 + name.length, 4000)];
      const failures: string[] = [];
      for (const raw of inputs) {
        const x = fromF32 ? Math.fround(raw) : raw;
        const want = refTrunc(x, bits, signed, saturate);
        const got = trapOf(() => run(x));
        if (got !== want) failures.push(`${name}(${x}): got ${got}, want ${want}`);
      }
      expect(failures).toEqual([]);
    });
  }

  it("returns unsigned i32 results as int32 bit patterns", () => {
    expect(N.i32TruncF64U(4294967295.5)).toBe(-1);
    expect(N.i32TruncF64U(2147483648)).toBe(-2147483648);
    expect(N.i32TruncSatF64U(1e10)).toBe(-1);
    expect(N.i32TruncF32U(4294967040)).toBe(-256);
  });

  it("traps with the spec's kinds", () => {
    expect(() => N.i32TruncF64S(Number.NaN)).toThrow(new RuntimeError("invalidConversion"));
    expect(() => N.i32TruncF64S(2147483648)).toThrow(new RuntimeError("integerOverflow"));
    expect(() => N.i64TruncF64S(cells, 0, Number(9223372036854775807n))).toThrow(
      new RuntimeError("integerOverflow"),
    );
    expect(() => N.i64TruncF64U(cells, 0, -1)).toThrow(new RuntimeError("integerOverflow"));
    expect(() => N.i64TruncF32U(cells, 0, Number.NaN)).toThrow(new RuntimeError("invalidConversion"));
  });

  it("accepts -2^63 for i64.trunc_s and -0.9 for the unsigned truncations", () => {
    N.i64TruncF64S(cells, 0, -TWO63);
    expect(i64FromWords(cells[0]!, cells[1]!)).toBe(-(1n << 63n));
    expect(N.i32TruncF64U(-0.9)).toBe(0);
    N.i64TruncF64U(cells, 0, -0.9);
    expect(i64FromWords(cells[0]!, cells[1]!)).toBe(0n);
  });
});

/**
 * Integers around every f32 and f64 rounding tie from 2^24 to 2^64: exactly halfway, one
 * either side, and halfway plus a far-low bit (the double-rounding trap), in both signs.
 */
const convertEdges: bigint[] = (() => {
  const set = new Set<bigint>([0n, 1n, -1n, 16777217n, 16777219n, 0x0020000020000001n, 0x7fffffbfffffffffn]);
  for (const v of [
    -(1n << 63n),
    (1n << 63n) - 1n,
    0x8000008000000001n,
    0xffffff7fffffffffn,
    0xfffffe0000000001n,
  ])
    set.add(BigInt.asIntN(64, v));
  for (let k = 24; k < 64; k++) {
    const top = 1n << BigInt(k);
    for (const precision of [24, 53]) {
      if (k < precision) continue;
      const half = 1n << BigInt(k - precision); // half an ulp at 2^k
      for (const base of [top, top + 2n * half, top + 4n * half]) {
        for (const v of [base + half, base + half - 1n, base + half + 1n, base + half + 1n + (half >> 1n)]) {
          set.add(BigInt.asIntN(64, v));
          set.add(BigInt.asIntN(64, -v));
        }
      }
    }
    set.add(BigInt.asIntN(64, top - 1n));
    set.add(BigInt.asIntN(64, -top + 1n));
  }
  return [...set];
})();

describe("i64 → float conversion", () => {
  const next = prng(0xc0ffee);
  const randoms = Array.from({ length: 20000 }, () => randomI64(next));

  const conversions: [string, (lo: number, hi: number) => number, (v: bigint) => number, boolean][] = [
    ["f32ConvertI64S", N.f32ConvertI64S, bigintToF32, true],
    ["f32ConvertI64U", N.f32ConvertI64U, bigintToF32, false],
    ["f64ConvertI64S", N.f64ConvertI64S, bigintToF64, true],
    ["f64ConvertI64U", N.f64ConvertI64U, bigintToF64, false],
  ];
  for (const [name, f, ref, signed] of conversions) {
    it(`${name} is correctly rounded on rounding ties and 20000 random inputs`, () => {
      const failures: string[] = [];
      for (const v of [...convertEdges, ...randoms]) {
        const [lo, hi] = wordsOf(v);
        const want = ref(signed ? v : BigInt.asUintN(64, v));
        const got = f(lo, hi);
        if (!Object.is(got, want)) failures.push(`${name}(${v}): got ${got}, want ${want}`);
      }
      expect(failures).toEqual([]);
    });
  }

  it("gets the cases right that double rounding gets wrong", () => {
    // These edges really do catch Math.fround(Number(v)); otherwise the tests above prove little.
    const naiveWrong = convertEdges.filter((v) => Math.fround(Number(v)) !== bigintToF32(v));
    expect(naiveWrong.length).toBeGreaterThan(50);
    expect(N.f32ConvertI64U(...wordsOf(0x0020000020000001n))).toBe(2 ** 53 + 2 ** 30);
    expect(N.f32ConvertI64S(...wordsOf(0x7fffffbfffffffffn))).toBe(2 ** 63 - 2 ** 39);
    expect(N.f32ConvertI64S(...wordsOf(-0x0020000020000001n))).toBe(-(2 ** 53 + 2 ** 30));
    expect(N.f32ConvertI64U(...wordsOf(-1n))).toBe(TWO64);
  });
});
