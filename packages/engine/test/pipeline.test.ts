import { CompileError, mvpFeatures } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { type AotTier, compileWasm, decodeModule, MissingAotTierError, resolveEngine } from "../src/index.js";

// (module (func (export "f") (result i32) i32.const 7 i32.extend8_s))
const signExtending = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x03, 0x02, 0x01,
  0x00, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x07, 0x01, 0x05, 0x00, 0x41, 0x07, 0xc0, 0x0b,
]);
// The same function returning an i64 constant where an i32 is declared: well-formed, invalid.
const invalid = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, 0x03, 0x02, 0x01,
  0x00, 0x0a, 0x06, 0x01, 0x04, 0x00, 0x42, 0x07, 0x0b,
]);

describe("compileWasm", () => {
  it("compiles a valid module, with its exports", () => {
    const compiled = compileWasm(signExtending);
    expect(compiled.module.exports.map((e) => e.name)).toEqual(["f"]);
  });

  it("applies the features it is given to parsing and validation alike", () => {
    expect(() => compileWasm(signExtending, { features: mvpFeatures })).toThrow(CompileError);
  });

  it("rejects an invalid module with the spec's reason, after calling afterDecode", () => {
    let decoded = 0;
    expect(() => compileWasm(invalid, { afterDecode: () => decoded++ })).toThrow(/type mismatch/);
    expect(decoded).toBe(1);
  });

  it("rejects malformed bytes with a CompileError naming the offset", () => {
    expect(() => decodeModule(Uint8Array.from([0, 0x61, 0x73, 0x6e]))).toThrow(/magic header/);
  });
});

/** A stand-in for `aotTier` that records what the pipeline asks of it. */
function recordingTier(allowsCodeGeneration: boolean) {
  const calls = { canGenerateCode: 0, attach: 0 };
  const tier: AotTier = {
    canGenerateCode: () => {
      calls.canGenerateCode++;
      return allowsCodeGeneration;
    },
    attach: (compiled) => {
      calls.attach++;
      return compiled;
    },
    precompiledSource: () => "[]",
  };
  return { tier, calls };
}

describe("the choice of tier", () => {
  it('refuses "aot" and precompiled functions when it was not given the AOT tier', () => {
    expect(() => compileWasm(signExtending, { engine: "aot" })).toThrow(MissingAotTierError);
    expect(() => compileWasm(signExtending, { precompiled: [null] })).toThrow(/needs the AOT tier/);
  });

  it('runs "auto" in the interpreter without the tier, or where the host forbids code generation', () => {
    expect(resolveEngine("auto", undefined)).toBe("interpreter");
    const forbidden = recordingTier(false);
    compileWasm(signExtending, { engine: "auto", aot: forbidden.tier });
    expect(forbidden.calls.attach).toBe(0);
  });

  it("hands the module to the tier it was given, asking the host once", () => {
    const allowed = recordingTier(true);
    compileWasm(signExtending, { engine: "auto", aot: allowed.tier });
    compileWasm(signExtending, { engine: "auto", aot: allowed.tier });
    compileWasm(signExtending, { engine: "interpreter", aot: allowed.tier });
    expect(allowed.calls).toEqual({ canGenerateCode: 1, attach: 2 });
  });
});
