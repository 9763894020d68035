import { bench, describe } from "vitest";
import * as N from "../../src/numerics/index.js";
import { prng, randomI64, wordsOf } from "./reference.js";

/**
 * The numbers-only i64 code against the obvious BigInt alternative (a `BigInt64Array` over the
 * same cells, the op written inline in the loop as a hot loop would), each op run over 1024
 * operand pairs per iteration.
 * Run: npx vitest bench --run packages/interpreter/test/numerics
 *
 * What it showed on Node 20 (V8 11.3): once optimized, TurboFan compiles `big[d] = big[a] * big[b]`
 * and the signed `/` and `%` to machine int64 arithmetic (no allocation) when both ends are a
 * BigInt64Array, and then beats the numbers code (~1.5-3 ns per op against ~4-8 ns for mul and
 * 5-45 ns for division); it does not do so for `BigInt.asUintN` (div_u, rem_u), shifts, rotations,
 * bit counts or conversions, where the numbers code wins by 3-30x. Unoptimized, BigInt allocates.
 */

// vitest turns imports into getter-backed namespace objects; bind the functions once so the
// loops call them directly, as the interpreter will.
const { i64Mul, i64DivS, i64DivU, i64RemS, i64Shl, i64Rotl, i64Clz, f32ConvertI64S, i64TruncF64S } = N;

const PAIRS = 1024;
const buffer = new ArrayBuffer(PAIRS * 24);
const cells = new Int32Array(buffer);
const big = new BigInt64Array(buffer);
const floats = new Float64Array(PAIRS);
const DEST = PAIRS * 4; // results go to DEST + 2i, past the operands, so no store is dead

/** Fills the operands: a at 4i, b at 4i + 2, drawn from `gen`; b is never zero. */
function fill(gen: () => bigint): void {
  for (let i = 0; i < PAIRS; i++) {
    [cells[4 * i], cells[4 * i + 1]] = wordsOf(gen());
    let b = gen();
    if (b === 0n) b = 7n;
    [cells[4 * i + 2], cells[4 * i + 3]] = wordsOf(b);
  }
}

const next = prng(2024);
const small = () => BigInt((next() >> (next() & 15)) | 1);
const large = () => randomI64(next) | (1n << 40n);

// Every loop is written out (no shared wrapper taking the op as an argument): a shared wrapper's
// call site turns megamorphic across benches and stops V8 inlining the op, which skews results.
const U = (v: bigint) => BigInt.asUintN(64, v);

for (const [operands, gen] of [
  ["small operands (|x| < 2^31)", small],
  ["large operands", large],
] as const) {
  const setup = () => fill(gen);
  describe(`i64.mul, ${operands}`, () => {
    bench(
      "numbers",
      () => {
        for (let i = 0; i < PAIRS; i++) i64Mul(cells, DEST + 2 * i, 4 * i, 4 * i + 2);
      },
      { setup },
    );
    bench(
      "BigInt64Array",
      () => {
        for (let i = 0; i < PAIRS; i++) big[(DEST >> 1) + i] = big[2 * i]! * big[2 * i + 1]!;
      },
      { setup },
    );
  });
  describe(`i64.div_s, ${operands}`, () => {
    bench(
      "numbers",
      () => {
        for (let i = 0; i < PAIRS; i++) i64DivS(cells, DEST + 2 * i, 4 * i, 4 * i + 2);
      },
      { setup },
    );
    bench(
      "BigInt64Array",
      () => {
        for (let i = 0; i < PAIRS; i++) big[(DEST >> 1) + i] = big[2 * i]! / big[2 * i + 1]!;
      },
      { setup },
    );
  });
  describe(`i64.div_u, ${operands}`, () => {
    bench(
      "numbers",
      () => {
        for (let i = 0; i < PAIRS; i++) i64DivU(cells, DEST + 2 * i, 4 * i, 4 * i + 2);
      },
      { setup },
    );
    bench(
      "BigInt64Array",
      () => {
        for (let i = 0; i < PAIRS; i++) big[(DEST >> 1) + i] = U(big[2 * i]!) / U(big[2 * i + 1]!);
      },
      { setup },
    );
  });
  describe(`i64.rem_s, ${operands}`, () => {
    bench(
      "numbers",
      () => {
        for (let i = 0; i < PAIRS; i++) i64RemS(cells, DEST + 2 * i, 4 * i, 4 * i + 2);
      },
      { setup },
    );
    bench(
      "BigInt64Array",
      () => {
        for (let i = 0; i < PAIRS; i++) big[(DEST >> 1) + i] = big[2 * i]! % big[2 * i + 1]!;
      },
      { setup },
    );
  });
  describe(`i64.shl, ${operands}`, () => {
    bench(
      "numbers",
      () => {
        for (let i = 0; i < PAIRS; i++) i64Shl(cells, DEST + 2 * i, 4 * i, 4 * i + 2);
      },
      { setup },
    );
    bench(
      "BigInt64Array",
      () => {
        for (let i = 0; i < PAIRS; i++) big[(DEST >> 1) + i] = big[2 * i]! << (big[2 * i + 1]! & 63n);
      },
      { setup },
    );
  });
  describe(`i64.rotl, ${operands}`, () => {
    bench(
      "numbers",
      () => {
        for (let i = 0; i < PAIRS; i++) i64Rotl(cells, DEST + 2 * i, 4 * i, 4 * i + 2);
      },
      { setup },
    );
    bench(
      "BigInt64Array",
      () => {
        for (let i = 0; i < PAIRS; i++) {
          const a = U(big[2 * i]!);
          const n = big[2 * i + 1]! & 63n;
          big[(DEST >> 1) + i] = (a << n) | (a >> ((64n - n) & 63n));
        }
      },
      { setup },
    );
  });
}

describe("i64.clz, large operands", () => {
  const setup = () => fill(large);
  bench(
    "numbers",
    () => {
      for (let i = 0; i < PAIRS; i++) i64Clz(cells, DEST + 2 * i, 4 * i);
    },
    { setup },
  );
  bench(
    "BigInt64Array",
    () => {
      for (let i = 0; i < PAIRS; i++) {
        const v = BigInt.asUintN(64, big[2 * i]!);
        const hi = Number(v >> 32n);
        big[(DEST >> 1) + i] = BigInt(hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(Number(v & 0xffffffffn)));
      }
    },
    { setup },
  );
});

describe("f32.convert_i64_s, large operands", () => {
  const setup = () => fill(large);
  let sink = 0;
  bench(
    "numbers (correctly rounded)",
    () => {
      for (let i = 0; i < PAIRS; i++) sink += f32ConvertI64S(cells[4 * i]!, cells[4 * i + 1]!);
    },
    { setup },
  );
  bench(
    "Math.fround(Number(bigint)) (double-rounds: wrong)",
    () => {
      for (let i = 0; i < PAIRS; i++) sink += Math.fround(Number(big[2 * i]!));
    },
    { setup, teardown: () => void sink },
  );
});

describe("i64.trunc_f64_s", () => {
  const setup = () => {
    for (let i = 0; i < PAIRS; i++) floats[i] = ((next() / 2 ** 31) * 2 ** (next() & 63)) % 2 ** 63;
  };
  bench(
    "numbers",
    () => {
      for (let i = 0; i < PAIRS; i++) i64TruncF64S(cells, DEST + 2 * i, floats[i]!);
    },
    { setup },
  );
  bench(
    "BigInt64Array",
    () => {
      for (let i = 0; i < PAIRS; i++) big[(DEST >> 1) + i] = BigInt(Math.trunc(floats[i]!));
    },
    { setup },
  );
});
