import { wasm2Features } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { CompileError, createWebAssembly, WebAssembly } from "../src/index.js";

// A module with one tag (the 3.0 tag section): valid with the default features, not in 2.0.
const withTag = Uint8Array.of(
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00,
  0x01,
  0x04,
  0x01,
  0x60,
  0x00,
  0x00, // type section: () -> ()
  0x0d,
  0x03,
  0x01,
  0x00,
  0x00, // tag section: one tag of type 0
);

describe("createWebAssembly", () => {
  it("gives a namespace with every member of the default one, the 3.0 classes included", () => {
    const configured = createWebAssembly();
    expect(Object.keys(configured).sort()).toEqual(Object.keys(WebAssembly).sort());
    expect(configured.Tag).toBe(WebAssembly.Tag);
    expect(configured.Exception).toBe(WebAssembly.Exception);
  });

  it("compiles with its own features", () => {
    expect(WebAssembly.validate(withTag)).toBe(true);
    const older = createWebAssembly({ features: wasm2Features });
    expect(older.validate(withTag)).toBe(false);
    expect(() => new older.Module(withTag)).toThrow(CompileError);
  });
});
