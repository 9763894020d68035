import { describe, expect, it } from "vitest";
import * as P from "../src/i64-pairs.js";

// The pair operators against BigInt arithmetic on values of every size class (small, 32-bit,
// 53-bit, full 64-bit, -1), from a fixed-seed generator.
const split = (v: bigint): [number, number] => {
  const u = BigInt.asUintN(64, v);
  return [Number(BigInt.asIntN(32, u & 0xffffffffn)), Number(BigInt.asIntN(32, u >> 32n))];
};
/** Both words must be int32 numbers (compiled code compares them with ===), then the value. */
const join = (lo: number, hi: number): bigint => {
  if (lo !== (lo | 0) || hi !== (hi | 0)) return -999n;
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo >>> 0));
};

function* operands(count: number): Generator<[bigint, bigint, number]> {
  let seed = 12345n;
  const next = (): bigint => {
    seed = BigInt.asUintN(64, seed * 6364136223846793005n + 1442695040888963407n);
    return BigInt.asIntN(64, seed);
  };
  const pick = (): bigint => {
    const v = next();
    return [v >> 40n, v >> 20n, v >> 33n, -1n, v & 0xffffffffn, v, -(1n << 63n), 1n][Number(next() & 7n)]!;
  };
  for (let i = 0; i < count; i++) yield [pick(), pick() || 1n, Number(next() & 127n)];
}

describe("i64 as pairs of int32", () => {
  it("divides and takes remainders exactly", () => {
    for (const [x, y] of operands(4_000)) {
      const [a, A] = split(x);
      const [b, B] = split(y);
      const ux = BigInt.asUintN(64, x);
      const uy = BigInt.asUintN(64, y);
      const cases: [string, (a: number, A: number, b: number, B: number) => number, bigint][] = [
        ["div_u", P.i64DivU, BigInt.asIntN(64, ux / uy)],
        ["rem_u", P.i64RemU, BigInt.asIntN(64, ux % uy)],
        ["rem_s", P.i64RemS, x % y],
      ];
      if (!(x === -(1n << 63n) && y === -1n)) cases.push(["div_s", P.i64DivS, x / y]);
      for (const [name, op, want] of cases)
        expect([name, x, y, join(op(a, A, b, B), P.HI[0]!)]).toEqual([name, x, y, want]);
    }
  });

  it("traps on division by zero and the one signed overflow", () => {
    expect(() => P.i64DivU(1, 0, 0, 0)).toThrow("integer divide by zero");
    expect(() => P.i64RemS(1, 0, 0, 0)).toThrow("integer divide by zero");
    expect(() => P.i64DivS(0, -0x80000000, -1, -1)).toThrow("integer overflow");
    expect(join(P.i64RemS(0, -0x80000000, -1, -1), P.HI[0]!)).toBe(0n);
  });
});
