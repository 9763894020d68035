import { describe, expect, it } from "vitest";
import {
  type ConstPair,
  i64AddInline,
  i64DivInline,
  i64MulInline,
  i64RotInline,
  i64ShlInline,
  i64ShrInline,
  i64SubInline,
} from "../src/i64-inline.js";
import * as P from "../src/i64-pairs.js";

// The inline i64 code as compiled code runs it (variables a, A, b, B; the helpers and HI in
// scope), against BigInt arithmetic, with variable and constant operands.
const split = (v: bigint): [number, number] => {
  const u = BigInt.asUintN(64, v);
  return [Number(BigInt.asIntN(32, u & 0xffffffffn)), Number(BigInt.asIntN(32, u >> 32n))];
};
const join = (lo: number, hi: number): bigint => {
  if (!Object.is(lo, lo | 0) || !Object.is(hi, hi | 0)) return -999n;
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo >>> 0));
};
type Op = (a: number, A: number, b: number, B: number) => [number, number];
const compile = (statement: string): Op =>
  new Function(
    "P",
    `const HI = P.HI; const {i64DivS, i64DivU, i64RemS, i64RemU} = P;
    return (a, A, b, B) => { ${statement} return [a, A]; };`,
  )(P) as Op;

let seed = 987654321n;
function next(): bigint {
  seed = BigInt.asUintN(64, seed * 6364136223846793005n + 1442695040888963407n);
  return BigInt.asIntN(64, seed);
}
/** Values of every size class, divisors around the inline path's bounds (2^12, 2^30, 2^31) included. */
function pick(): bigint {
  const v = next();
  const classes = [v >> 40n, v >> 20n, v >> 33n, -1n, v & 0xffffffffn, v, -(1n << 63n), 1n];
  classes.push(
    4095n,
    4096n,
    (1n << 30n) - 1n,
    1n << 30n,
    -(1n << 31n),
    (v >> 34n) | 4096n,
    -((v & 0x3fffffffn) | 4096n),
  );
  return classes[Number(BigInt.asUintN(64, next()) % BigInt(classes.length))]!;
}

describe("inline i64 code", () => {
  it("multiplies exactly, by a variable or a constant", () => {
    const variable = compile(i64MulInline("a", "A", "b", "B"));
    for (let i = 0; i < 3000; i++) {
      const x = pick();
      const y = pick();
      const [a, A] = split(x);
      const [b, B] = split(y);
      const want = BigInt.asIntN(64, x * y);
      expect([x, y, join(...variable(a, A, b, B))]).toEqual([x, y, want]);
      const k: ConstPair = { lo: b, hi: B };
      expect([x, y, join(...compile(i64MulInline("a", "A", "b", "B", k))(a, A, 0, 0))]).toEqual([x, y, want]);
    }
  });

  it("shifts and rotates by a variable or a constant count, every count", () => {
    for (let n = 0; n < 130; n++) {
      const cases: [string, (v: string | undefined) => string, (x: bigint, k: bigint) => bigint][] = [
        ["shl", (c) => i64ShlInline("a", "A", "b", c === undefined ? undefined : n), (x, k) => x << k],
        [
          "shr_s",
          (c) => i64ShrInline("a", "A", "b", true, c === undefined ? undefined : n),
          (x, k) => x >> k,
        ],
        [
          "shr_u",
          (c) => i64ShrInline("a", "A", "b", false, c === undefined ? undefined : n),
          (x, k) => BigInt.asUintN(64, x) >> k,
        ],
        [
          "rotl",
          (c) => i64RotInline("a", "A", "b", true, c === undefined ? undefined : n),
          (x, k) => (BigInt.asUintN(64, x) << k) | (BigInt.asUintN(64, x) >> ((64n - k) & 63n)),
        ],
        [
          "rotr",
          (c) => i64RotInline("a", "A", "b", false, c === undefined ? undefined : n),
          (x, k) => (BigInt.asUintN(64, x) >> k) | (BigInt.asUintN(64, x) << ((64n - k) & 63n)),
        ],
      ];
      for (const [name, source, model] of cases) {
        const variable = compile(source(undefined));
        const constant = compile(source("const"));
        for (let i = 0; i < 12; i++) {
          const x = pick();
          const [a, A] = split(x);
          const want = BigInt.asIntN(64, model(x, BigInt(n & 63)));
          expect([name, x, n, join(...variable(a, A, n, n >> 31))]).toEqual([name, x, n, want]);
          expect([name, x, n, join(...constant(a, A, 0, 0))]).toEqual([name, x, n, want]);
        }
      }
    }
  });

  it("adds and subtracts with every carry and borrow, by a variable or a constant", () => {
    const words = [0, 1, -1, 0x7fffffff, -0x80000000, 0x40000000, -0x40000001, 12345, -12345];
    const values: bigint[] = [];
    for (const lo of words) for (const hi of words) values.push(join(lo, hi));
    for (let i = 0; i < 200; i++) values.push(pick());
    const add = compile(i64AddInline("a", "A", "b", "B"));
    const sub = compile(i64SubInline("a", "A", "b", "B"));
    for (const y of values) {
      const [b, B] = split(y);
      const addK = compile(i64AddInline("a", "A", "b", "B", { lo: b, hi: B }));
      for (const x of values) {
        const [a, A] = split(x);
        const want = [x, y, BigInt.asIntN(64, x + y), BigInt.asIntN(64, x - y), BigInt.asIntN(64, x + y)];
        expect([x, y, join(...add(a, A, b, B)), join(...sub(a, A, b, B)), join(...addK(a, A, 0, 0))]).toEqual(
          want,
        );
      }
    }
  });

  it("rotates by counts whose other bits are set (only the low six count)", () => {
    const rotl = compile(i64RotInline("a", "A", "b", true));
    const rotr = compile(i64RotInline("a", "A", "b", false));
    for (let i = 0; i < 3000; i++) {
      const x = pick();
      const [a, A] = split(x);
      const [b, B] = split(next());
      const k = BigInt(b & 63);
      const u = BigInt.asUintN(64, x);
      const left = BigInt.asIntN(64, (u << k) | (u >> ((64n - k) & 63n)));
      const right = BigInt.asIntN(64, (u >> k) | (u << ((64n - k) & 63n)));
      expect([x, b, join(...rotl(a, A, b, B)), join(...rotr(a, A, b, B))]).toEqual([x, b, left, right]);
    }
  });

  it("corrects the double quotient both ways near exact multiples, at every sign and bound", () => {
    const ops = {
      div_s: compile(i64DivInline("a", "A", "b", "B", true, false, "i64DivS")),
      div_u: compile(i64DivInline("a", "A", "b", "B", false, false, "i64DivU")),
      rem_s: compile(i64DivInline("a", "A", "b", "B", true, true, "i64RemS")),
      rem_u: compile(i64DivInline("a", "A", "b", "B", false, true, "i64RemU")),
    };
    const divisors = [4095n, 4096n, 4097n, 8191n, (1n << 30n) - 1n, 1n << 30n, (1n << 29n) + 12345n];
    for (let i = 0; i < 4000; i++) {
      const u = BigInt.asUintN(64, next());
      const magnitude = i % 4 === 0 ? divisors[i % divisors.length]! : 4096n + (u % ((1n << 30n) - 4096n));
      const y = i % 2 === 0 ? magnitude : -magnitude;
      // A multiple of the divisor (the quotient up to 2^52, where doubles lose the dividend's
      // low bits) plus -1, 0 or 1, wrapped to 64 bits; and the extremes.
      const q = BigInt.asUintN(64, next()) >> BigInt(12 + (i % 40));
      const near = [
        BigInt.asIntN(64, q * y + BigInt((i % 3) - 1)),
        BigInt.asIntN(64, -(q * y) + BigInt((i % 3) - 1)),
        -(1n << 63n),
        (1n << 63n) - 1n,
        -1n,
      ];
      for (const x of near) {
        const [a, A] = split(x);
        const [b, B] = split(y);
        const ux = BigInt.asUintN(64, x);
        const uy = BigInt.asUintN(64, y);
        const got = [ops.div_s, ops.rem_s, ops.div_u, ops.rem_u].map((op) => join(...op(a, A, b, B)));
        const want = [x / y, x % y, BigInt.asIntN(64, ux / uy), BigInt.asIntN(64, ux % uy)];
        expect([x, y, got]).toEqual([x, y, want]);
      }
    }
  });

  it("takes a constant right operand in place, as translation writes it (a negative literal too)", () => {
    for (const y of [
      4096n,
      -4096n,
      4095n,
      -12345n,
      (1n << 30n) - 1n,
      -((1n << 30n) - 1n),
      7n,
      -1n,
      1n << 40n,
    ]) {
      const [b, B] = split(y);
      const [lit, litHi] = [String(b), String(B)];
      const div = {
        div_s: compile(i64DivInline("a", "A", lit, litHi, true, false, "i64DivS")),
        div_u: compile(i64DivInline("a", "A", lit, litHi, false, false, "i64DivU")),
        rem_s: compile(i64DivInline("a", "A", lit, litHi, true, true, "i64RemS")),
        rem_u: compile(i64DivInline("a", "A", lit, litHi, false, true, "i64RemU")),
      };
      const sub = compile(i64SubInline("a", "A", lit, litHi));
      for (let i = 0; i < 300; i++) {
        const x = i === 0 ? -(1n << 63n) : pick();
        const [a, A] = split(x);
        const ux = BigInt.asUintN(64, x);
        const uy = BigInt.asUintN(64, y);
        const got = [div.div_u, div.rem_u, div.rem_s, sub].map((op) => join(...op(a, A, 0, 0)));
        const want = [
          BigInt.asIntN(64, ux / uy),
          BigInt.asIntN(64, ux % uy),
          x % y,
          BigInt.asIntN(64, x - y),
        ];
        if (!(x === -(1n << 63n) && y === -1n)) {
          got.push(join(...div.div_s(a, A, 0, 0)));
          want.push(x / y);
        }
        expect([x, y, got]).toEqual([x, y, want]);
      }
    }
  });

  it("divides and takes remainders exactly, and traps as the helpers do", () => {
    const ops = {
      div_s: compile(i64DivInline("a", "A", "b", "B", true, false, "i64DivS")),
      div_u: compile(i64DivInline("a", "A", "b", "B", false, false, "i64DivU")),
      rem_s: compile(i64DivInline("a", "A", "b", "B", true, true, "i64RemS")),
      rem_u: compile(i64DivInline("a", "A", "b", "B", false, true, "i64RemU")),
    };
    for (let i = 0; i < 20_000; i++) {
      const x = pick();
      const y = pick() || 4096n;
      const [a, A] = split(x);
      const [b, B] = split(y);
      const ux = BigInt.asUintN(64, x);
      const uy = BigInt.asUintN(64, y);
      const results: [string, bigint][] = [
        ["div_u", join(...ops.div_u(a, A, b, B))],
        ["rem_u", join(...ops.rem_u(a, A, b, B))],
        ["rem_s", join(...ops.rem_s(a, A, b, B))],
      ];
      const want: [string, bigint][] = [
        ["div_u", BigInt.asIntN(64, ux / uy)],
        ["rem_u", BigInt.asIntN(64, ux % uy)],
        ["rem_s", x % y],
      ];
      if (!(x === -(1n << 63n) && y === -1n)) {
        results.push(["div_s", join(...ops.div_s(a, A, b, B))]);
        want.push(["div_s", x / y]);
      }
      expect([x, y, results]).toEqual([x, y, want]);
    }
    expect(() => ops.div_u(1, 0, 0, 0)).toThrow("integer divide by zero");
    expect(() => ops.rem_s(1, 0, 0, 0)).toThrow("integer divide by zero");
    expect(() => ops.div_s(0, -0x80000000, -1, -1)).toThrow("integer overflow");
  });
});
