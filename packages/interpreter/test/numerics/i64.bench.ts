import { bench, describe } from "vitest";
import * as N from "../../src/numerics/index.js";
import { prng, randomI64, wordsOf } from "./reference.js";

/**
 * The numbers-only i64 code against the obvious BigInt alternative (a `BigInt64Array` over the
 * same cells), each op run over 1024 operand pairs per iteration.
 * Run: npx vitest bench --run packages/interpreter/test/numerics
 */

const PAIRS = 1024;
const buffer = new ArrayBuffer(PAIRS * 16 + 16);
const cells = new Int32Array(buffer);
const big = new BigInt64Array(buffer);
const floats = new Float64Array(PAIRS);
const DEST = PAIRS * 4; // the cell index after the operands

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

function viaNumbers(f: (c: Int32Array, d: number, a: number, b: number) => void): () => void {
  return () => {
    for (let i = 0; i < PAIRS; i++) f(cells, DEST, 4 * i, 4 * i + 2);
  };
}

function viaBigInt(f: (a: bigint, b: bigint) => bigint): () => void {
  return () => {
    for (let i = 0; i < PAIRS; i++) big[DEST >> 1] = f(big[2 * i]!, big[2 * i + 1]!);
  };
}

const binaryOps: [string, (c: Int32Array, d: number, a: number, b: number) => void, (a: bigint, b: bigint) => bigint][] =
  [
    ["mul", N.i64Mul, (a, b) => a * b],
    ["div_s", N.i64DivS, (a, b) => a / b],
    ["div_u", N.i64DivU, (a, b) => BigInt.asIntN(64, BigInt.asUintN(64, a) / BigInt.asUintN(64, b))],
    ["rem_s", N.i64RemS, (a, b) => a % b],
    ["shl", N.i64Shl, (a, b) => a << (b & 63n)],
    ["rotl", N.i64Rotl, (a, b) => BigInt.asIntN(64, (a << (b & 63n)) | BigInt.asUintN(64, a) >> (-b & 63n))],
  ];

for (const [operands, gen] of [
  ["small operands (|x| < 2^31)", small],
  ["large operands", large],
] as const) {
  for (const [name, numbers, bigint] of binaryOps) {
    describe(`i64.${name}, ${operands}`, () => {
      const setup = () => fill(gen);
      bench("numbers", viaNumbers(numbers), { setup });
      bench("BigInt64Array", viaBigInt(bigint), { setup });
    });
  }
}

describe("i64.clz, large operands", () => {
  const setup = () => fill(large);
  bench("numbers", () => {
    for (let i = 0; i < PAIRS; i++) N.i64Clz(cells, DEST, 4 * i);
  }, { setup });
  bench("BigInt64Array", () => {
    for (let i = 0; i < PAIRS; i++) {
      const v = BigInt.asUintN(64, big[2 * i]!);
      const hi = Number(v >> 32n);
      big[DEST >> 1] = BigInt(hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(Number(v & 0xffffffffn)));
    }
  }, { setup });
});

describe("f32.convert_i64_s, large operands", () => {
  const setup = () => fill(large);
  let sink = 0;
  bench("numbers (correctly rounded)", () => {
    for (let i = 0; i < PAIRS; i++) sink += N.f32ConvertI64S(cells[4 * i]!, cells[4 * i + 1]!);
  }, { setup });
  bench("Math.fround(Number(bigint)) (double-rounds: wrong)", () => {
    for (let i = 0; i < PAIRS; i++) sink += Math.fround(Number(big[2 * i]!));
  }, { setup, teardown: () => void sink });
});

describe("i64.trunc_f64_s", () => {
  const setup = () => {
    for (let i = 0; i < PAIRS; i++) floats[i] = ((next() / 2 ** 31) * 2 ** (next() & 63)) % 2 ** 63;
  };
  bench("numbers", () => {
    for (let i = 0; i < PAIRS; i++) N.i64TruncF64S(cells, DEST, floats[i]!);
  }, { setup });
  bench("BigInt64Array", () => {
    for (let i = 0; i < PAIRS; i++) big[DEST >> 1] = BigInt(Math.trunc(floats[i]!));
  }, { setup });
});
