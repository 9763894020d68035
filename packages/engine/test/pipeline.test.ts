import { CompileError, mvpFeatures } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { compileWasm, decodeModule } from "../src/index.js";

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
