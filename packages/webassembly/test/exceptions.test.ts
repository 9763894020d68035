import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { WebAssembly as Microwasm } from "../src/index.js";
import { type Api, engines } from "./engines.js";

// Legacy `try`/`catch` here, so that node 20 (which has no try_table yet) runs the same modules.
const module = `(module
  (import "js" "tag" (tag $imported (param i32)))
  (import "js" "call" (func $call))
  (tag $own (export "own") (param i32 f64))
  (func (export "throw-own") (param i32) (throw $own (local.get 0) (f64.const 0.5)))
  (func (export "catch-imported") (result i32)
    (try (result i32) (do (call $call) (i32.const -1)) (catch $imported)))
  (func (export "catch-all") (result i32)
    (try (result i32) (do (call $call) (i32.const -1)) (catch_all (i32.const 1))))
  (func (export "pass-through") (try (do (call $call)) (catch_all (rethrow 0)))))`;

async function instantiate(WebAssembly: Api, call: () => void, tag?: unknown) {
  const bytes = await wat(module);
  const jsTag = tag ?? new WebAssembly.Tag({ parameters: ["i32"] });
  const { instance } = await WebAssembly.instantiate(bytes, { js: { tag: jsTag, call } });
  return { exports: instance.exports, tag: jsTag };
}

describe.each(engines)("exceptions through the JS API (%s)", (name, WebAssembly: Api) => {
  it("a wasm exception reaches JS as an Exception with is and getArg", async () => {
    const { exports } = await instantiate(WebAssembly, () => {});
    const own = exports["own"];
    expect(own).toBeInstanceOf(WebAssembly.Tag);
    let caught: unknown;
    try {
      exports["throw-own"](7);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(WebAssembly.Exception);
    const exn = caught as { is(t: unknown): boolean; getArg(t: unknown, i: number): unknown };
    expect(exn.is(own)).toBe(true);
    expect(exn.is(new WebAssembly.Tag({ parameters: ["i32", "f64"] }))).toBe(false);
    expect(exn.getArg(own, 0)).toBe(7);
    expect(exn.getArg(own, 1)).toBe(0.5);
    expect(() => exn.getArg(new WebAssembly.Tag({ parameters: [] }), 0)).toThrow(TypeError);
    expect(() => exn.getArg(own, 2)).toThrow(RangeError);
  });

  it("an Exception made in JS and thrown by an import is caught by its tag in wasm", async () => {
    const tag = new WebAssembly.Tag({ parameters: ["i32"] });
    const { exports } = await instantiate(
      WebAssembly,
      () => {
        throw new WebAssembly.Exception(tag, [42]);
      },
      tag,
    );
    expect(exports["catch-imported"]()).toBe(42);
  });

  it("JS exceptions go through wasm: catch_all catches them, rethrow keeps their identity", async () => {
    const error = new Error("from JS");
    const { exports } = await instantiate(WebAssembly, () => {
      throw error;
    });
    expect(exports["catch-all"]()).toBe(1);
    expect(() => exports["pass-through"]()).toThrow(error);
  });

  it("an Exception thrown back into wasm and out again is the same object", async () => {
    let first: unknown;
    const inner = await instantiate(WebAssembly, () => {});
    const outer = await instantiate(WebAssembly, () => {
      try {
        inner.exports["throw-own"](1);
      } catch (e) {
        first = e;
        throw e;
      }
    });
    let second: unknown;
    try {
      outer.exports["pass-through"]();
    } catch (e) {
      second = e;
    }
    expect(first).toBeInstanceOf(WebAssembly.Exception);
    expect(second).toBe(first);
  });

  it("checks the constructors' arguments and lists tags among imports and exports", async () => {
    const tag = new WebAssembly.Tag({ parameters: ["i32", "i64"] });
    expect(() => new WebAssembly.Exception({}, [1, 2n])).toThrow(TypeError);
    // The JS API says a payload of the wrong length is a TypeError; node 20 accepts it.
    if (name === "microwasm") expect(() => new WebAssembly.Exception(tag, [1])).toThrow(TypeError);
    expect(() => new WebAssembly.Tag({ parameters: ["nothing"] })).toThrow(TypeError);
    const exn = new WebAssembly.Exception(tag, [1, 2n]);
    expect(exn.getArg(tag, 1)).toBe(2n);
    const compiled = new WebAssembly.Module(await wat(module));
    expect(WebAssembly.Module.imports(compiled)[0]).toEqual({ module: "js", name: "tag", kind: "tag" });
    expect(WebAssembly.Module.exports(compiled)[0]).toEqual({ name: "own", kind: "tag" });
  });
});

describe("microwasm's Exception stack and JSTag", () => {
  it("gives a wasm-thrown exception its wasm frames as stack, and a traceStack one its JS stack", async () => {
    const { exports } = await instantiate(Microwasm, () => {});
    let caught: { stack?: string } | undefined;
    try {
      exports["throw-own"](1);
    } catch (e) {
      caught = e as { stack?: string };
    }
    expect(caught?.stack).toMatch(/wasm-function\[1\]/);
    const tag = new Microwasm.Tag({ parameters: [] });
    expect(new Microwasm.Exception(tag, [], { traceStack: true }).stack).toMatch(/exceptions\.test/);
    expect(new Microwasm.Exception(tag, []).stack).toBeUndefined();
  });

  it("catches a JS exception in wasm with JSTag, its payload the JS value", async () => {
    const bytes = await wat(`(module
      (import "js" "tag" (tag $js (param externref)))
      (import "js" "call" (func $call))
      (func (export "f") (result externref)
        (try (result externref) (do (call $call) (ref.null extern)) (catch $js))))`);
    const thrownValue = { reason: "any JS value" };
    const { instance } = await Microwasm.instantiate(bytes, {
      js: {
        tag: Microwasm.JSTag,
        call: () => {
          throw thrownValue;
        },
      },
    });
    expect((instance.exports["f"] as () => unknown)()).toBe(thrownValue);
  });
});
