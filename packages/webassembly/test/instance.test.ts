import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { type Api, engines } from "./engines.js";

const instantiate = async (W: Api, text: string, imports?: object) =>
  new W.Instance(new W.Module(await wat(text)), imports).exports;

describe.each(engines)("%s: Instance", (_name, W: Api) => {
  it("exports a frozen, null-prototype object", async () => {
    const exports = await instantiate(
      W,
      `(module (func (export "f")) (global (export "g") i32 (i32.const 1)))`,
    );
    expect(Object.getPrototypeOf(exports)).toBe(null);
    expect(Object.isFrozen(exports)).toBe(true);
    expect(Object.keys(exports)).toEqual(["f", "g"]);
  });

  it("exports functions named by index, with length = parameter count, one object per function", async () => {
    const exports = await instantiate(
      W,
      `(module
        (func $a (param i32 i64 f32))
        (func $b (export "b") (param i32) (result i32) local.get 0)
        (export "a" (func $a)) (export "a2" (func $a))
        (table (export "t") 2 funcref) (elem (i32.const 0) $a $b))`,
    );
    expect(exports.a.name).toBe("0");
    expect(exports.a.length).toBe(3);
    expect(exports.b.name).toBe("1");
    expect(exports.a2).toBe(exports.a);
    expect(exports.t.get(0)).toBe(exports.a);
    expect(exports.t.get(1)).toBe(exports.b);
  });

  it("converts arguments and results as the JS API says", async () => {
    const exports = await instantiate(
      W,
      `(module
        (func (export "i32") (param i32) (result i32) local.get 0)
        (func (export "i64") (param i64) (result i64) local.get 0)
        (func (export "f32") (param f32) (result f32) local.get 0)
        (func (export "f64") (param f64) (result f64) local.get 0)
        (func (export "pair") (result i32 i64) i32.const 1 i64.const 2)
        (func (export "none")))`,
    );
    expect(exports.i32(2 ** 32 + 5)).toBe(5);
    expect(exports.i32("7")).toBe(7);
    expect(exports.i32(undefined)).toBe(0);
    expect(exports.i32(-1.9)).toBe(-1);
    expect(exports.i64(2n ** 64n - 1n)).toBe(-1n);
    expect(exports.i64("12")).toBe(12n);
    expect(() => exports.i64(1)).toThrow(TypeError);
    expect(() => exports.i64()).toThrow(TypeError);
    expect(exports.f32(0.1)).toBe(Math.fround(0.1));
    expect(exports.f64("0.5")).toBe(0.5);
    expect(exports.pair()).toEqual([1, 2n]);
    expect(exports.none(1, 2, 3)).toBe(undefined);
  });

  it("passes references: externref any value, funcref only null or exported functions", async () => {
    const exports = await instantiate(
      W,
      `(module
        (func (export "ext") (param externref) (result externref) local.get 0)
        (func (export "isnull") (param externref) (result i32) local.get 0 ref.is_null)
        (func (export "fn") (param funcref) (result funcref) local.get 0))`,
    );
    const o = {};
    expect(exports.ext(o)).toBe(o);
    expect(exports.ext(undefined)).toBe(undefined);
    expect(exports.ext(null)).toBe(null);
    expect(exports.ext(5)).toBe(5);
    expect(exports.isnull(null)).toBe(1);
    expect(exports.isnull(undefined)).toBe(0);
    expect(exports.fn(null)).toBe(null);
    expect(exports.fn(exports.ext)).toBe(exports.ext);
    expect(() => exports.fn(() => 0)).toThrow(TypeError);
  });

  it("throws a TypeError for v128 in a signature, but only when called", async () => {
    const exports = await instantiate(
      W,
      `(module (func (export "v") (param v128)) (func (export "r") (result v128) unreachable))`,
    );
    expect(() => exports.v()).toThrow(TypeError);
    expect(() => exports.r()).toThrow(TypeError);
  });

  it("runs SIMD inside functions whose signatures have no v128, and v128 globals stay inside", async () => {
    const exports = await instantiate(
      W,
      `(module
        (global $acc (mut v128) (v128.const i32x4 0 0 0 0))
        (func (export "add") (param i32 i32 i32 i32)
          (global.set $acc (i32x4.add (global.get $acc)
            (i32x4.replace_lane 3 (i32x4.replace_lane 2 (i32x4.replace_lane 1
              (i32x4.splat (local.get 0)) (local.get 1)) (local.get 2)) (local.get 3)))))
        (func (export "lane") (param i32) (result i32)
          (i32x4.extract_lane 0 (i8x16.swizzle (global.get $acc) (i8x16.splat (i32.shl (local.get 0) (i32.const 2))))))
        (export "acc" (global $acc)))`,
    );
    exports.add(1, 2, 3, 4);
    exports.add(10, 20, 30, 40);
    expect([0, 1, 2, 3].map((lane) => exports.lane(lane) & 0xff)).toEqual([11, 22, 33, 44]);
    expect(() => exports.acc.value).toThrow(TypeError);
  });

  it("throws RuntimeError on a trap", async () => {
    const exports = await instantiate(
      W,
      `(module (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s))`,
    );
    expect(() => exports.div(1, 0)).toThrow(W.RuntimeError);
    expect(() => exports.div(1, 0)).toThrow(/divide by zero/);
  });

  it("calls imported JS functions, with several results as an iterable", async () => {
    const calls: unknown[][] = [];
    const exports = await instantiate(
      W,
      `(module
        (import "env" "log" (func $log (param i32 i64 f64 externref)))
        (import "env" "two" (func $two (result i32 f64)))
        (func (export "run") (param externref) i32.const -1 i64.const 5 f64.const 1.5 local.get 0 call $log)
        (func (export "two") (result i32 f64) call $two))`,
      {
        env: {
          log: (...args: unknown[]) => {
            calls.push(args);
          },
          two: function* () {
            yield "3";
            yield 2.5;
          },
        },
      },
    );
    const o = {};
    exports.run(o);
    expect(calls).toEqual([[-1, 5n, 1.5, o]]);
    expect(exports.two()).toEqual([3, 2.5]);
  });

  it("propagates exceptions from imported functions unchanged", async () => {
    const error = new Error("from JS");
    const exports = await instantiate(
      W,
      `(module (import "env" "f" (func $f)) (func (export "run") call $f))`,
      {
        env: {
          f: () => {
            throw error;
          },
        },
      },
    );
    expect(() => exports.run()).toThrow(error);
  });

  it("rejects a host function returning a non-iterable for several results", async () => {
    const exports = await instantiate(
      W,
      `(module (import "env" "f" (func $f (result i32 i32))) (func (export "run") (result i32 i32) call $f))`,
      { env: { f: () => 1 } },
    );
    expect(() => exports.run()).toThrow(TypeError);
  });

  it("imports exported wasm functions as themselves, keeping identity", async () => {
    const first = await instantiate(W, `(module (func (export "f") (result i32) i32.const 7))`);
    const second = await instantiate(
      W,
      `(module (import "m" "f" (func $f (result i32))) (export "g" (func $f)) (table (export "t") 1 funcref) (elem (i32.const 0) $f))`,
      { m: { f: first.f } },
    );
    expect(second.g).toBe(first.f);
    expect(second.t.get(0)).toBe(first.f);
  });

  it("links imports by kind and type, with TypeError and LinkError as the JS API says", async () => {
    const bytes = await wat(`(module (import "env" "f" (func (param i32))))`);
    const module = new W.Module(bytes);
    expect(() => new W.Instance(module)).toThrow(TypeError);
    expect(() => new W.Instance(module, {})).toThrow(TypeError);
    expect(() => new W.Instance(module, { env: 1 })).toThrow(TypeError);
    expect(() => new W.Instance(module, { env: {} })).toThrow(W.LinkError);
    expect(() => new W.Instance(module, { env: { f: 1 } })).toThrow(W.LinkError);
    const other = await instantiate(W, `(module (func (export "f") (param i64)))`);
    expect(() => new W.Instance(module, { env: { f: other.f } })).toThrow(W.LinkError);
    expect(new W.Instance(module, { env: { f: () => {} } })).toBeInstanceOf(W.Instance);
  });

  it("imports globals from Global objects or plain Numbers and BigInts", async () => {
    const module = new W.Module(
      await wat(`(module
        (import "env" "a" (global $a i32)) (import "env" "b" (global $b i64))
        (import "env" "c" (global $c (mut f64)))
        (func (export "sum") (result f64)
          global.get $a f64.convert_i32_s global.get $b f64.convert_i64_s f64.add global.get $c f64.add))`),
    );
    const c = new W.Global({ value: "f64", mutable: true }, 0.5);
    const exports = new W.Instance(module, { env: { a: 1, b: 2n, c } }).exports;
    expect(exports.sum()).toBe(3.5);
    c.value = 10;
    expect(exports.sum()).toBe(13);
    expect(() => new W.Instance(module, { env: { a: 1n, b: 2n, c } })).toThrow(W.LinkError);
    expect(() => new W.Instance(module, { env: { a: 1, b: 2, c } })).toThrow(W.LinkError);
    expect(() => new W.Instance(module, { env: { a: 1, b: 2n, c: 3 } })).toThrow(W.LinkError);
    const immutable = new W.Global({ value: "f64" }, 1);
    expect(() => new W.Instance(module, { env: { a: 1, b: 2n, c: immutable } })).toThrow(W.LinkError);
  });

  it("imports memories and tables only from their classes", async () => {
    const module = new W.Module(
      await wat(`(module (import "env" "m" (memory 1)) (import "env" "t" (table 1 funcref)))`),
    );
    const m = new W.Memory({ initial: 1 });
    const t = new W.Table({ element: "anyfunc", initial: 1 });
    expect(new W.Instance(module, { env: { m, t } })).toBeInstanceOf(W.Instance);
    expect(() => new W.Instance(module, { env: { m: new ArrayBuffer(65536), t } })).toThrow(W.LinkError);
    expect(() => new W.Instance(module, { env: { m, t: [] } })).toThrow(W.LinkError);
    expect(() => new W.Instance(module, { env: { m: new W.Memory({ initial: 0 }), t } })).toThrow(
      W.LinkError,
    );
  });

  it("traps during instantiation with RuntimeError, keeping earlier segment writes", async () => {
    const memory = new W.Memory({ initial: 1 });
    const module = new W.Module(
      await wat(`(module (import "env" "m" (memory 1))
        (data (i32.const 0) "hi") (data (i32.const 65535) "xx"))`),
    );
    expect(() => new W.Instance(module, { env: { m: memory } })).toThrow(W.RuntimeError);
    expect([...new Uint8Array(memory.buffer, 0, 2)]).toEqual([0x68, 0x69]);
    const start = new W.Module(await wat(`(module (func $s unreachable) (start $s))`));
    expect(() => new W.Instance(start)).toThrow(W.RuntimeError);
  });
});

describe("microwasm: invokeRaw", () => {
  it("passes v128 values as 16-byte arrays", async () => {
    const { WebAssembly, invokeRaw } = await import("../src/index.js");
    const exports = new WebAssembly.Instance(
      new WebAssembly.Module(
        await wat(`(module (func (export "id") (param v128 i32) (result v128 i32) local.get 0 local.get 1))`),
      ),
    ).exports;
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i);
    const results = invokeRaw(exports["id"] as (...args: unknown[]) => unknown, [bytes, 5]);
    expect(results).toEqual([bytes, 5]);
    expect(results[0]).not.toBe(bytes);
    expect(() => invokeRaw(exports["id"] as (...args: unknown[]) => unknown, [new Uint8Array(8), 5])).toThrow(
      TypeError,
    );
    expect(() => invokeRaw(() => 0, [])).toThrow(TypeError);
  });
});

describe("microwasm: traps", () => {
  it("reports call stack exhaustion as a RuntimeError with a wasm stack", async () => {
    const { WebAssembly } = await import("../src/index.js");
    const exports = new WebAssembly.Instance(
      new WebAssembly.Module(await wat(`(module (func $f (export "f") call $f))`)),
    ).exports;
    let error: unknown;
    try {
      (exports["f"] as () => void)();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WebAssembly.RuntimeError);
    expect((error as Error).message).toContain("call stack exhausted");
  });

  it("keeps the trap kind and the wasm frames", async () => {
    const { WebAssembly } = await import("../src/index.js");
    const exports = new WebAssembly.Instance(
      new WebAssembly.Module(
        await wat(`(module (func $inner unreachable) (func (export "outer") call $inner))`),
      ),
    ).exports;
    try {
      (exports["outer"] as () => void)();
      expect.unreachable();
    } catch (e) {
      const trap = e as InstanceType<typeof WebAssembly.RuntimeError>;
      expect(trap.trap).toBe("unreachable");
      expect(trap.wasmStack.map((f) => f.funcIndex)).toEqual([0, 1]);
    }
  });
});
