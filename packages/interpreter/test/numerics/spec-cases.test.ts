import { RuntimeError } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import * as N from "../../src/numerics/index.js";
import {
  F32,
  F64,
  f32Bits,
  f32FromBits,
  f64Bits,
  f64FromBits,
  i64FromWords,
  parseFloatLiteral,
  parseIntLiteral,
  wordsOf,
} from "./reference.js";
import { type SpecCase, specCases } from "./spec-cases.js";

/**
 * Runs the spec suite's own cases (extracted into spec-cases.ts) against the numerics module:
 * integer results must match exactly, float results bit for bit, NaN results only be NaN.
 */

type Kind = "i32" | "i64" | "f32" | "f64";
type Value = bigint | number;
type Impl = { params: readonly Kind[]; result: Kind; run: (args: Value[]) => Value };

const cells = new Int32Array(16);

function withI64(args: Value[], kinds: readonly Kind[]): void {
  args.forEach((v, i) => {
    if (kinds[i] === "i64") [cells[4 * i], cells[4 * i + 1]] = wordsOf(v as bigint);
  });
}

const i64Result = (): bigint => i64FromWords(cells[8]!, cells[9]!);

function i64Binary(f: (c: Int32Array, d: number, a: number, b: number) => void): Impl {
  return {
    params: ["i64", "i64"],
    result: "i64",
    run: (args) => {
      withI64(args, ["i64", "i64"]);
      f(cells, 8, 0, 4);
      return i64Result();
    },
  };
}

function i64Unary(f: (c: Int32Array, d: number, a: number) => void): Impl {
  return {
    params: ["i64"],
    result: "i64",
    run: (args) => {
      withI64(args, ["i64"]);
      f(cells, 8, 0);
      return i64Result();
    },
  };
}

function i64Compare(f: (c: Int32Array, a: number, b: number) => boolean): Impl {
  return {
    params: ["i64", "i64"],
    result: "i32",
    run: (args) => {
      withI64(args, ["i64", "i64"]);
      return f(cells, 0, 4) ? 1n : 0n;
    },
  };
}

const truncToI32 = (from: Kind, f: (x: number) => number): Impl => ({
  params: [from],
  result: "i32",
  run: (args) => BigInt(f(args[0] as number)),
});

const truncToI64 = (from: Kind, f: (c: Int32Array, d: number, x: number) => void): Impl => ({
  params: [from],
  result: "i64",
  run: (args) => {
    f(cells, 8, args[0] as number);
    return i64Result();
  },
});

const convertI64 = (to: Kind, f: (lo: number, hi: number) => number): Impl => ({
  params: ["i64"],
  result: to,
  run: (args) => {
    const [lo, hi] = wordsOf(args[0] as bigint);
    return f(lo, hi);
  },
});

const floatBinary = (k: Kind, f: (a: number, b: number) => number): Impl => ({
  params: [k, k],
  result: k,
  run: (args) => f(args[0] as number, args[1] as number),
});

const floatUnary = (k: Kind, f: (a: number) => number): Impl => ({
  params: [k],
  result: k,
  run: (args) => f(args[0] as number),
});

const impls: Record<string, Impl> = {
  "i64.mul": i64Binary(N.i64Mul),
  "i64.div_s": i64Binary(N.i64DivS),
  "i64.div_u": i64Binary(N.i64DivU),
  "i64.rem_s": i64Binary(N.i64RemS),
  "i64.rem_u": i64Binary(N.i64RemU),
  "i64.shl": i64Binary(N.i64Shl),
  "i64.shr_s": i64Binary(N.i64ShrS),
  "i64.shr_u": i64Binary(N.i64ShrU),
  "i64.rotl": i64Binary(N.i64Rotl),
  "i64.rotr": i64Binary(N.i64Rotr),
  "i64.clz": i64Unary(N.i64Clz),
  "i64.ctz": i64Unary(N.i64Ctz),
  "i64.popcnt": i64Unary(N.i64Popcnt),
  "i64.lt_s": i64Compare(N.i64LtS),
  "i64.lt_u": i64Compare(N.i64LtU),
  "i64.le_s": i64Compare(N.i64LeS),
  "i64.le_u": i64Compare(N.i64LeU),
  "i64.gt_s": i64Compare(N.i64GtS),
  "i64.gt_u": i64Compare(N.i64GtU),
  "i64.ge_s": i64Compare(N.i64GeS),
  "i64.ge_u": i64Compare(N.i64GeU),
  "i32.trunc_f32_s": truncToI32("f32", N.i32TruncF32S),
  "i32.trunc_f32_u": truncToI32("f32", N.i32TruncF32U),
  "i32.trunc_f64_s": truncToI32("f64", N.i32TruncF64S),
  "i32.trunc_f64_u": truncToI32("f64", N.i32TruncF64U),
  "i32.trunc_sat_f32_s": truncToI32("f32", N.i32TruncSatF32S),
  "i32.trunc_sat_f32_u": truncToI32("f32", N.i32TruncSatF32U),
  "i32.trunc_sat_f64_s": truncToI32("f64", N.i32TruncSatF64S),
  "i32.trunc_sat_f64_u": truncToI32("f64", N.i32TruncSatF64U),
  "i64.trunc_f32_s": truncToI64("f32", N.i64TruncF32S),
  "i64.trunc_f32_u": truncToI64("f32", N.i64TruncF32U),
  "i64.trunc_f64_s": truncToI64("f64", N.i64TruncF64S),
  "i64.trunc_f64_u": truncToI64("f64", N.i64TruncF64U),
  "i64.trunc_sat_f32_s": truncToI64("f32", N.i64TruncSatF32S),
  "i64.trunc_sat_f32_u": truncToI64("f32", N.i64TruncSatF32U),
  "i64.trunc_sat_f64_s": truncToI64("f64", N.i64TruncSatF64S),
  "i64.trunc_sat_f64_u": truncToI64("f64", N.i64TruncSatF64U),
  "f32.convert_i64_s": convertI64("f32", N.f32ConvertI64S),
  "f32.convert_i64_u": convertI64("f32", N.f32ConvertI64U),
  "f64.convert_i64_s": convertI64("f64", N.f64ConvertI64S),
  "f64.convert_i64_u": convertI64("f64", N.f64ConvertI64U),
  "f32.min": floatBinary("f32", N.f32Min),
  "f32.max": floatBinary("f32", N.f32Max),
  "f64.min": floatBinary("f64", N.f64Min),
  "f64.max": floatBinary("f64", N.f64Max),
  "f32.nearest": floatUnary("f32", N.f32Nearest),
  "f64.nearest": floatUnary("f64", N.f64Nearest),
  // Not functions of the module: these check the claim in float.ts that Math.fround of the f64
  // result is the correctly rounded f32 result.
  "f32.add": floatBinary("f32", (a, b) => Math.fround(a + b)),
  "f32.sub": floatBinary("f32", (a, b) => Math.fround(a - b)),
  "f32.mul": floatBinary("f32", (a, b) => Math.fround(a * b)),
  "f32.div": floatBinary("f32", (a, b) => Math.fround(a / b)),
  "f32.sqrt": floatUnary("f32", (a) => Math.fround(Math.sqrt(a))),
};

function parseArg(text: string, kind: Kind): Value {
  switch (kind) {
    case "i32":
      return parseIntLiteral(text, 32);
    case "i64":
      return parseIntLiteral(text, 64);
    default: {
      const bits = parseFloatLiteral(text, kind === "f32" ? F32 : F64);
      if (typeof bits === "string") throw new Error(`NaN pattern ${text} as an argument`);
      return kind === "f32" ? f32FromBits(bits) : f64FromBits(bits);
    }
  }
}

/** Runs one case; returns a description of the mismatch, or undefined when it passes. */
function check([op, argTexts, expected]: SpecCase): string | undefined {
  const impl = impls[op];
  if (!impl) return `no implementation for ${op}`;
  const args = argTexts.map((t, i) => parseArg(t, impl.params[i]!));
  let actual: Value;
  try {
    actual = impl.run(args);
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    return expected === `trap: ${e.message}` ? undefined : `trapped "${e.message}", expected ${expected}`;
  }
  if (expected.startsWith("trap: ")) return `returned ${actual}, expected ${expected}`;
  const kind = impl.result;
  if (kind === "i32" || kind === "i64") {
    const want = parseIntLiteral(expected, kind === "i32" ? 32 : 64);
    return actual === want ? undefined : `returned ${actual}, expected ${want}`;
  }
  const x = actual as number;
  const want = parseFloatLiteral(expected, kind === "f32" ? F32 : F64);
  const wantValue =
    typeof want === "string" ? Number.NaN : kind === "f32" ? f32FromBits(want) : f64FromBits(want);
  if (Number.isNaN(wantValue)) return Number.isNaN(x) ? undefined : `returned ${x}, expected NaN`;
  if (kind === "f32") {
    if (Math.fround(x) !== x) return `returned ${x}, not an f32`;
    return f32Bits(x) === want ? undefined : `returned ${x}, expected ${wantValue}`;
  }
  return f64Bits(x) === want ? undefined : `returned ${x}, expected ${wantValue}`;
}

describe("spec test suite cases", () => {
  const byOp = new Map<string, SpecCase[]>();
  for (const c of specCases) byOp.set(c[0], [...(byOp.get(c[0]) ?? []), c]);

  it("covers every operation it extracted", () => {
    expect(byOp.size).toBe(Object.keys(impls).length);
  });

  for (const [op, cases] of byOp) {
    it(`${op} (${cases.length} cases)`, () => {
      const failures = cases.flatMap((c) => {
        const why = check(c);
        return why === undefined ? [] : [`${c[0]} ${c[1].join(" ")}: ${why}`];
      });
      expect(failures).toEqual([]);
    });
  }
});
