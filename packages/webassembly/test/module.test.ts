import { CompileError as CoreCompileError } from "@microwasm/core";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { type Api, engines } from "./engines.js";

const empty = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
const customSection = (name: string, payload: number[]) => {
  const n = new TextEncoder().encode(name);
  return [0, n.length + 1 + payload.length, n.length, ...n, ...payload];
};

describe.each(engines)("%s: Module", (_name, W: Api) => {
  it("compiles from an ArrayBuffer or any view, copying the bytes", () => {
    expect(new W.Module(empty)).toBeInstanceOf(W.Module);
    expect(new W.Module(empty.buffer.slice(0))).toBeInstanceOf(W.Module);
    expect(new W.Module(new Int8Array(empty.buffer))).toBeInstanceOf(W.Module);
  });

  it("throws a TypeError for something that is not a buffer", () => {
    expect(() => new W.Module("wasm")).toThrow(TypeError);
    expect(() => new W.Module()).toThrow(TypeError);
  });

  it("throws CompileError for malformed and invalid modules", () => {
    expect(() => new W.Module(new Uint8Array([0, 0x61, 0x73]))).toThrow(W.CompileError);
    // An invalid body, by hand (wabt refuses to assemble one): (func (result i32)) returning nothing.
    const bytes = new Uint8Array([
      ...empty,
      ...[1, 5, 1, 0x60, 0, 1, 0x7f], // type (func (result i32))
      ...[3, 2, 1, 0], // function 0: type 0
      ...[10, 4, 1, 2, 0, 0x0b], // body: end (nothing on the stack)
    ]);
    expect(() => new W.Module(bytes)).toThrow(W.CompileError);
    expect(W.validate(bytes)).toBe(false);
  });

  it("describes imports, exports and custom sections", async () => {
    const bytes = await wat(`(module
      (import "env" "f" (func (param i32)))
      (import "env" "t" (table 1 funcref))
      (import "env" "m" (memory 1))
      (import "env" "g" (global i32))
      (func (export "run"))
      (global (export "answer") i32 (i32.const 42))
      (export "mem" (memory 0)))`);
    const withCustom = new Uint8Array([
      ...bytes,
      ...customSection("hello", [1, 2, 3]),
      ...customSection("hello", [4]),
    ]);
    const module = new W.Module(withCustom);
    expect(W.Module.imports(module)).toEqual([
      { module: "env", name: "f", kind: "function" },
      { module: "env", name: "t", kind: "table" },
      { module: "env", name: "m", kind: "memory" },
      { module: "env", name: "g", kind: "global" },
    ]);
    expect(W.Module.exports(module)).toEqual([
      { name: "run", kind: "function" },
      { name: "answer", kind: "global" },
      { name: "mem", kind: "memory" },
    ]);
    const sections = W.Module.customSections(module, "hello");
    expect(sections.map((s: ArrayBuffer) => [...new Uint8Array(s)])).toEqual([[1, 2, 3], [4]]);
    expect(W.Module.customSections(module, "other")).toEqual([]);
    expect(() => W.Module.imports({})).toThrow(TypeError);
  });

  it("validates", async () => {
    expect(W.validate(empty)).toBe(true);
    expect(W.validate(new Uint8Array([1, 2, 3]))).toBe(false);
    expect(() => W.validate(42)).toThrow(TypeError);
  });

  it("compiles and instantiates asynchronously, with both overloads of instantiate", async () => {
    const bytes = await wat(`(module (func (export "two") (result i32) i32.const 2))`);
    const module = await W.compile(bytes);
    expect(module).toBeInstanceOf(W.Module);
    const instance = await W.instantiate(module);
    expect(instance).toBeInstanceOf(W.Instance);
    expect(instance.exports.two()).toBe(2);
    const source = await W.instantiate(bytes);
    expect(source.module).toBeInstanceOf(W.Module);
    expect(source.instance.exports.two()).toBe(2);
    await expect(W.compile(new Uint8Array([9]))).rejects.toBeInstanceOf(W.CompileError);
    await expect(W.compile("nope")).rejects.toBeInstanceOf(TypeError);
  });
});

describe("microwasm CompileError", () => {
  it("is the core CompileError, with the spec's reason and a byte offset", async () => {
    const { WebAssembly } = await import("../src/index.js");
    try {
      new WebAssembly.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CoreCompileError);
      expect(e).toBeInstanceOf(WebAssembly.CompileError);
      expect((e as CoreCompileError).message).toContain("unknown binary version");
    }
  });
});
