import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { CompileError, Instance, LinkError, Module, RuntimeError } from "../src/index.js";
import { type Api, engines } from "./engines.js";

describe.each(engines)("%s: Memory", (_name, W: Api) => {
  it("has a buffer that grow detaches and replaces", () => {
    const memory = new W.Memory({ initial: 1, maximum: 3 });
    const before = memory.buffer;
    expect(before.byteLength).toBe(65536);
    expect(memory.buffer).toBe(before);
    new Uint8Array(before)[0] = 42;
    expect(memory.grow(1)).toBe(1);
    expect(before.byteLength).toBe(0);
    expect(memory.buffer.byteLength).toBe(2 * 65536);
    expect(new Uint8Array(memory.buffer)[0]).toBe(42);
    expect(() => memory.grow(2)).toThrow(RangeError);
  });

  it("checks its descriptor", () => {
    expect(() => new W.Memory()).toThrow(TypeError);
    expect(() => new W.Memory({})).toThrow(TypeError);
    expect(() => new W.Memory({ initial: -1 })).toThrow(TypeError);
    expect(() => new W.Memory({ initial: 65537 })).toThrow(RangeError);
    expect(() => new W.Memory({ initial: 2, maximum: 1 })).toThrow(RangeError);
  });

  it("is the same object however often it is exported", async () => {
    const exports = new W.Instance(
      new W.Module(await wat(`(module (memory (export "a") 1) (export "b" (memory 0)))`)),
    ).exports;
    expect(exports.a).toBeInstanceOf(W.Memory);
    expect(exports.a).toBe(exports.b);
  });

  it("sees growth from wasm", async () => {
    const exports = new W.Instance(
      new W.Module(
        await wat(
          `(module (memory (export "m") 1) (func (export "grow") (result i32) i32.const 1 memory.grow))`,
        ),
      ),
    ).exports;
    const before = exports.m.buffer;
    expect(exports.grow()).toBe(1);
    expect(before.byteLength).toBe(0);
    expect(exports.m.buffer.byteLength).toBe(2 * 65536);
  });
});

describe.each(engines)("%s: Table", (_name, W: Api) => {
  it("gets, sets and grows funcref tables", async () => {
    const { f } = new W.Instance(new W.Module(await wat(`(module (func (export "f")))`))).exports;
    const table = new W.Table({ element: "anyfunc", initial: 2, maximum: 4 });
    expect(table.length).toBe(2);
    expect(table.get(0)).toBe(null);
    table.set(1, f);
    expect(table.get(1)).toBe(f);
    table.set(1);
    expect(table.get(1)).toBe(null);
    expect(table.grow(1, f)).toBe(2);
    expect(table.get(2)).toBe(f);
    expect(() => table.grow(2)).toThrow(RangeError);
    expect(() => table.get(3)).toThrow(RangeError);
    expect(() => table.set(0, () => 0)).toThrow(TypeError);
    expect(() => table.set(0, {})).toThrow(TypeError);
  });

  it("holds any value in externref tables, undefined by default", () => {
    const table = new W.Table({ element: "externref", initial: 1 });
    expect(table.get(0)).toBe(undefined);
    const o = {};
    table.set(0, o);
    expect(table.get(0)).toBe(o);
    table.grow(1, null);
    expect(table.get(1)).toBe(null);
  });

  it("checks its descriptor", () => {
    expect(() => new W.Table({ element: "i32", initial: 1 })).toThrow(TypeError);
    expect(() => new W.Table({ element: "anyfunc" })).toThrow(TypeError);
    expect(() => new W.Table({ element: "anyfunc", initial: 2, maximum: 1 })).toThrow(RangeError);
  });
});

describe.each(engines)("%s: Global", (name, W: Api) => {
  it("reads and writes values of every type but v128", () => {
    expect(new W.Global({ value: "i32" }, 2 ** 31).value).toBe(-(2 ** 31));
    expect(new W.Global({ value: "i64" }).value).toBe(0n);
    expect(new W.Global({ value: "i64" }, 5n).value).toBe(5n);
    expect(new W.Global({ value: "f32" }, 0.1).value).toBe(Math.fround(0.1));
    expect(new W.Global({ value: "f64" }, 0.1).value).toBe(0.1);
    // The JS API's DefaultValue(externref) is undefined; node 20's V8 still answers null.
    expect(new W.Global({ value: "externref" }).value).toBe(name === "node" ? null : undefined);
    expect(new W.Global({ value: "anyfunc" }).value).toBe(null);
    expect(() => new W.Global({ value: "i64" }, 1)).toThrow(TypeError);
    expect(() => new W.Global({ value: "v128" })).toThrow(TypeError);
    expect(() => new W.Global({ value: "x" })).toThrow(TypeError);
  });

  it("is writable only when mutable, and has valueOf", () => {
    const g = new W.Global({ value: "i32", mutable: true }, 1);
    g.value = 7;
    expect(g.value).toBe(7);
    expect(g.valueOf()).toBe(7);
    const frozen = new W.Global({ value: "i32" }, 1);
    expect(() => {
      frozen.value = 2;
    }).toThrow(TypeError);
  });

  it("is shared with wasm", async () => {
    const g = new W.Global({ value: "i32", mutable: true }, 1);
    const exports = new W.Instance(
      new W.Module(
        await wat(`(module (import "env" "g" (global $g (mut i32))) (export "g" (global $g))
          (func (export "inc") global.get $g i32.const 1 i32.add global.set $g))`),
      ),
      { env: { g } },
    ).exports;
    exports.inc();
    expect(g.value).toBe(2);
    expect(exports.g).toBe(g);
  });
});

describe.each(engines)("%s: errors", (_name, W: Api) => {
  it("can be made from JS", () => {
    for (const E of [W.CompileError, W.LinkError, W.RuntimeError]) {
      const e = new E("x");
      expect(e).toBeInstanceOf(E);
      expect(e).toBeInstanceOf(Error);
      expect(e.message).toBe("x");
      expect(e.name).toBe(E.name);
      expect(new E().message).toBe("");
      expect(new E("y", { cause: 1 }).cause).toBe(1);
    }
    expect(new W.RuntimeError("x")).not.toBeInstanceOf(W.LinkError);
  });
});

describe.each(engines)("%s: memory grown by an imported function", (_name, W: Api) => {
  it("is seen by the wasm code that called it", async () => {
    const memory = new W.Memory({ initial: 1, maximum: 2 });
    const exports = new W.Instance(
      new W.Module(
        await wat(`(module (import "env" "m" (memory 1 2)) (import "env" "grow" (func $grow))
          (func (export "run") (result i32)
            call $grow
            i32.const 70000 i32.const 7 i32.store8
            i32.const 70000 i32.load8_u))`),
      ),
      { env: { m: memory, grow: () => memory.grow(1) } },
    ).exports;
    expect(exports.run()).toBe(7);
    expect(new Uint8Array(memory.buffer)[70000]).toBe(7);
  });
});

describe("microwasm's error constructors", () => {
  it("match core errors through the prototype chain alone, as engines without Symbol.hasInstance see them", async () => {
    const exports = new Instance(new Module(await wat(`(module (func (export "f") unreachable))`))).exports;
    let trap: unknown;
    try {
      (exports["f"] as () => void)();
    } catch (e) {
      trap = e;
    }
    expect(Object.hasOwn(RuntimeError, Symbol.hasInstance)).toBe(false);
    expect(Object.prototype.isPrototypeOf.call(RuntimeError.prototype, trap as object)).toBe(true);
    expect(Object.prototype.isPrototypeOf.call(CompileError.prototype, trap as object)).toBe(false);
    expect(Object.prototype.isPrototypeOf.call(LinkError.prototype, new LinkError("x"))).toBe(true);
    expect(() => (RuntimeError as unknown as () => void)()).toThrow(TypeError);
  });

  it("can be subclassed", () => {
    class AppError extends RuntimeError {}
    const e = new AppError("stop");
    expect(e).toBeInstanceOf(AppError);
    expect(e).toBeInstanceOf(RuntimeError);
    expect(e.message).toBe("stop");
  });
});
