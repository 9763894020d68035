import { wasm2Features } from "@microwasm/core";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { aotTier, CompileError, createWebAssembly, WebAssembly } from "../src/index.js";
import * as Lean from "../src/interpreter.js";

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

const answer = await wat(`(module (func (export "f") (result i32) (i32.const 42)))`);

describe("the two entry points", () => {
  it("share the classes, and every namespace's modules are instances of its entry's Module", () => {
    for (const engine of ["interpreter", "aot", "auto"] as const) {
      const module = new (createWebAssembly({ engine }).Module)(answer);
      expect(module).toBeInstanceOf(WebAssembly.Module);
      expect((new WebAssembly.Instance(module).exports["f"] as () => number)()).toBe(42);
    }
    expect(WebAssembly.Module.length).toBe(1);
    expect(WebAssembly.Module.name).toBe("Module");
    expect(Lean.WebAssembly.Instance).toBe(WebAssembly.Instance);
    expect(Object.keys(Lean.WebAssembly).sort()).toEqual(Object.keys(WebAssembly).sort());
  });

  it("without the AOT tier: modules run in the interpreter, and asking for the tier is a TypeError", async () => {
    const { instance } = await Lean.WebAssembly.instantiate(answer);
    expect((instance.exports["f"] as () => number)()).toBe(42);
    expect(() => Lean.createWebAssembly({ engine: "aot" })).toThrow(TypeError);
    expect(() => Lean.createWebAssembly({ engine: "aot" })).toThrow(/needs the AOT tier/);
    const withTier = Lean.createWebAssembly({ engine: "aot", aot: aotTier });
    expect((new withTier.Instance(new withTier.Module(answer)).exports["f"] as () => number)()).toBe(42);
  });
});
