import { canRun } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { encodeWrapperModule } from "../src/bit-exact-call.js";
import { hasSpecData, resolveSpecDir } from "../src/data-dir.js";
import { loadEngine } from "../src/engine.js";
import { runScript } from "../src/script-runner.js";
import { ExternRefs, f32Bits, fromJs, matchValue, type WasmValue } from "../src/values.js";

const externs = new ExternRefs();
const f32 = (bits: number, lossy = false): WasmValue => ({ type: "f32", bits, lossy });
const f64 = (bits: bigint, lossy = false): WasmValue => ({ type: "f64", bits, lossy });
const match = (type: string, value: string, actual: WasmValue) =>
  matchValue({ type, value }, actual, externs);

describe("value matching", () => {
  it("compares integers as bit patterns", () => {
    expect(match("i32", "4294967295", { type: "i32", bits: 0xffffffff }).ok).toBe(true);
    expect(match("i32", "1", { type: "i32", bits: 2 }).ok).toBe(false);
    expect(match("i64", "18446744073709551615", fromJs("i64", -1n) as WasmValue).ok).toBe(true);
  });

  it("knows the NaN classes", () => {
    expect(match("f32", "nan:canonical", f32(0xffc00000)).ok).toBe(true);
    expect(match("f32", "nan:canonical", f32(0x7fc00001)).ok).toBe(false);
    expect(match("f32", "nan:arithmetic", f32(0x7fc00001)).ok).toBe(true);
    expect(match("f32", "nan:arithmetic", f32(0x7f800001)).ok).toBe(false);
    expect(match("f64", "nan:canonical", f64(0x7ff8000000000000n)).ok).toBe(true);
    expect(match("f64", "nan:arithmetic", f64(0x7ff4000000000000n)).ok).toBe(false);
  });

  it("accepts a quieted signalling NaN only when it crossed a JS number, and says so", () => {
    expect(match("f32", String(0x7fa00000), f32(0x7fe00000, true))).toEqual({ ok: true, quieted: true });
    expect(match("f32", String(0x7fa00000), f32(0x7fe00000, false)).ok).toBe(false);
    expect(match("f32", String(0x7fa00000), f32(0x7fe00001, true)).ok).toBe(false);
    expect(match("f32", String(0x7fa00000), f32(0x7fa00000, true))).toEqual({ ok: true, quieted: false });
  });

  it("keeps float bits through fromJs", () => {
    expect((fromJs("f32", -0) as { bits: number }).bits).toBe(0x80000000);
    expect(f32Bits(Number.POSITIVE_INFINITY)).toBe(0x7f800000);
  });

  it("compares references by identity", () => {
    const one = externs.get(1);
    expect(match("externref", "1", { type: "externref", ref: one }).ok).toBe(true);
    expect(match("externref", "1", { type: "externref", ref: externs.get(2) }).ok).toBe(false);
    expect(match("externref", "null", { type: "externref", ref: null }).ok).toBe(true);
    expect(matchValue({ type: "funcref" }, { type: "funcref", ref: () => 0 }, externs).ok).toBe(true);
  });

  it("compares v128 lane by lane", () => {
    const bytes = new Uint8Array(16).fill(0xff);
    const lanes = (value: string[], lane_type: "i8" | "i32" | "f32") =>
      matchValue({ type: "v128", lane_type, value }, { type: "v128", bytes }, externs);
    expect(lanes(new Array(16).fill("255"), "i8").ok).toBe(true);
    expect(lanes(new Array(4).fill("4294967295"), "i32").ok).toBe(true);
    expect(lanes(new Array(4).fill("nan:arithmetic"), "f32").ok).toBe(true);
    expect(lanes(["0", "4294967295", "4294967295", "4294967295"], "i32").ok).toBe(false);
  });
});

describe("bit-exact call wrapper", () => {
  it("encodes valid modules for every value type", () => {
    const wasm = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;
    expect(
      wasm.validate(encodeWrapperModule(["i32", "f32", "f64", "v128", "externref"], ["v128", "f32", "i64"])),
    ).toBe(true);
    expect(wasm.validate(encodeWrapperModule([], []))).toBe(true);
  });
});

// The runner checks itself against node's engine, which passes all of the 2.0 suite.
const specDir = resolveSpecDir();
describe.runIf(canRun(hasSpecData(specDir), `no spec test data at ${specDir} (set MICROWASM_SPEC_DIR)`))(
  "the runner on node's engine",
  () => {
    it.each([
      ["w2", "conversions"],
      ["w2", "f32"],
      ["w2", "linking"],
      ["w2", "imports"],
      ["w2", "call"],
      ["w2-fallback", "table_grow"],
      ["w2-simd", "simd_lane"],
      ["w2-simd", "simd_f32x4_arith"],
    ])("%s/%s passes everything but the text cases", async (group, script) => {
      const engine = await loadEngine("node");
      const result = runScript(engine, specDir, group, script);
      expect(result.failures).toEqual([]);
      expect(Object.keys(result.skipReasons).filter((r) => r !== "text module")).toEqual([]);
      expect(result.pass).toBeGreaterThan(0);
    });
  },
);
