import { describe, expect, it } from "vitest";
import * as N from "../../src/numerics/index.js";
import { f32FromBits, f64FromBits, i64FromWords, prng, refNearest } from "./reference.js";

const TWO52 = 2 ** 52;

const nearestEdges: number[] = [
  0,
  -0,
  5e-324,
  -5e-324,
  0.4,
  -0.4,
  0.5,
  -0.5,
  0.6,
  -0.6,
  0.49999999999999994,
  -0.49999999999999994,
  1,
  -1,
  1.5,
  -1.5,
  2.5,
  -2.5,
  3.5,
  -3.5,
  8388607.5,
  8388608.5,
  -8388609.5,
  4503599627370495.5,
  -4503599627370495.5,
  4503599627370494.5,
  TWO52,
  TWO52 + 1,
  -TWO52 - 1,
  2 ** 53 + 2,
  1e300,
  -1e300,
  Number.MAX_VALUE,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

function randomDoubles(seed: number, count: number): number[] {
  const next = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    if (i % 3 === 0) return f64FromBits(BigInt.asUintN(64, i64FromWords(next(), next())));
    // magnitudes up to 2^60, often with a .5 fraction
    const whole = Math.floor(((next() >>> 0) / 2 ** 32) * 2 ** ((next() >>> 0) % 60));
    const v = i % 3 === 1 ? whole + 0.5 : whole + (next() >>> 0) / 2 ** 32;
    return next() < 0 ? -v : v;
  });
}

describe("nearest", () => {
  it("f64Nearest rounds half to even, keeping the sign, on edges and 10000 random doubles", () => {
    const failures: string[] = [];
    for (const x of [...nearestEdges, ...randomDoubles(42, 10000)]) {
      if (Number.isNaN(x)) continue;
      const got = N.f64Nearest(x);
      const want = refNearest(x);
      if (!Object.is(got, want)) failures.push(`f64Nearest(${x}): got ${got}, want ${want}`);
    }
    expect(failures).toEqual([]);
  });

  it("f32Nearest gives the f32 result on edges and 10000 random f32 values", () => {
    const next = prng(43);
    const inputs = [...nearestEdges.map(Math.fround), ...randomDoubles(44, 5000).map(Math.fround)];
    for (let i = 0; i < 5000; i++) inputs.push(f32FromBits(BigInt(next() >>> 0)));
    const failures: string[] = [];
    for (const x of inputs) {
      if (Number.isNaN(x)) continue;
      const got = N.f32Nearest(x);
      const want = refNearest(x);
      if (!Object.is(got, want) || Math.fround(got) !== got) failures.push(`f32Nearest(${x}): got ${got}`);
    }
    expect(failures).toEqual([]);
  });

  it("keeps -0 for small negatives and passes NaN through as NaN", () => {
    expect(Object.is(N.f64Nearest(-0.4), -0)).toBe(true);
    expect(Object.is(N.f64Nearest(-0.5), -0)).toBe(true);
    expect(Object.is(N.f64Nearest(-0), -0)).toBe(true);
    expect(Object.is(N.f64Nearest(0.5), 0)).toBe(true);
    expect(N.f64Nearest(Number.NaN)).toBeNaN();
    expect(N.f32Nearest(f32FromBits(0x7fa00000n))).toBeNaN();
  });
});

/** min/max as the spec defines them. */
function refMin(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (a === 0 && b === 0) return Object.is(a, -0) || Object.is(b, -0) ? -0 : 0;
  return a < b ? a : b;
}

function refMax(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (a === 0 && b === 0) return Object.is(a, 0) || Object.is(b, 0) ? 0 : -0;
  return a > b ? a : b;
}

describe("min and max", () => {
  const specials = [
    0,
    -0,
    1,
    -1,
    5e-324,
    -5e-324,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NaN,
    f64FromBits(0x7ff4000000000000n),
    f64FromBits(0xfff8000000000001n),
    Number.MAX_VALUE,
  ];

  const cases: [string, (a: number, b: number) => number, (a: number, b: number) => number, boolean][] = [
    ["f64Min", N.f64Min, refMin, false],
    ["f64Max", N.f64Max, refMax, false],
    ["f32Min", N.f32Min, refMin, true],
    ["f32Max", N.f32Max, refMax, true],
  ];
  for (const [name, f, ref, isF32] of cases) {
    it(`${name} handles NaN and signed zeros, and 4000 random pairs`, () => {
      const values = [...specials, ...randomDoubles(name.length * 13 + (isF32 ? 1 : 0), 4000)].map((x) =>
        isF32 ? Math.fround(x) : x,
      );
      const failures: string[] = [];
      for (let i = 0; i < values.length; i++) {
        const pairs: [number, number][] =
          i < specials.length
            ? values.slice(0, specials.length).map((b) => [values[i]!, b])
            : [[values[i]!, values[(i * 7) % values.length]!]];
        for (const [a, b] of pairs) {
          const got = f(a, b);
          const want = ref(a, b);
          const ok = Number.isNaN(want) ? Number.isNaN(got) : Object.is(got, want);
          if (!ok || (isF32 && !Number.isNaN(got) && Math.fround(got) !== got)) {
            failures.push(`${name}(${a}, ${b}): got ${got}, want ${want}`);
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it("orders -0 below +0", () => {
    expect(Object.is(N.f64Min(0, -0), -0)).toBe(true);
    expect(Object.is(N.f64Min(-0, 0), -0)).toBe(true);
    expect(Object.is(N.f64Max(-0, 0), 0)).toBe(true);
    expect(Object.is(N.f32Max(0, -0), 0)).toBe(true);
  });
});
