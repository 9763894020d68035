import { type FuncType, RuntimeError, ValType } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import {
  createException,
  createHostFunction,
  ExceptionInstance,
  ExecStack,
  FunctionInstance,
  invoke,
  type ModuleInstance,
  TagInstance,
  type Value,
} from "../src/index.js";
import { instantiateWat } from "./load.js";

function call(instance: ModuleInstance, name: string, ...args: Value[]): Value[] {
  const fn = instance.exports.get(name);
  if (!(fn instanceof FunctionInstance)) throw new Error(`no function ${name}`);
  return invoke(fn, args);
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  throw new Error("nothing was thrown");
}

const voidType: FuncType = { params: [], results: [] };

describe("exception handling (try_table, throw, throw_ref)", () => {
  it("catches by tag into a label, with the payload, at any call depth", async () => {
    const inst = await instantiateWat(`(module
      (tag $e (param i32 f64))
      (tag $other)
      (func $thrower (param i32) (if (local.get 0) (then (throw $e (local.get 0) (f64.const 2.5)))))
      (func $deep (param i32 i32) (if (local.get 1)
        (then (call $deep (local.get 0) (i32.sub (local.get 1) (i32.const 1))))
        (else (call $thrower (local.get 0)))))
      (func (export "f") (param i32 i32) (result i32 f64)
        (block $none
          (return (block $h (result i32 f64)
            (try_table (catch $other $none) (catch $e $h)
              (call $deep (local.get 0) (local.get 1)))
            (i32.const -1) (f64.const 0))))
        (i32.const -2) (f64.const 0)))`);
    expect(call(inst, "f", 7, 0)).toEqual([7, 2.5]);
    expect(call(inst, "f", 9, 50)).toEqual([9, 2.5]);
    expect(call(inst, "f", 0, 3)).toEqual([-1, 0]);
  });

  it("catch_all, catch_ref and throw_ref: rethrown exceptions keep their identity and payload", async () => {
    const inst = await instantiateWat(`(module
      (tag $e (param i32))
      (func $throw (param i32) (throw $e (local.get 0)))
      (func (export "all") (param i32) (result i32)
        (block $h (try_table (catch_all $h) (call $throw (local.get 0))) (return (i32.const 0)))
        (i32.const 1))
      (func (export "rethrow-ref") (param i32) (result i32)
        (block $outer (result i32)
          (try_table (catch $e $outer)
            (block $h (result i32 exnref)
              (try_table (catch_ref $e $h) (call $throw (local.get 0)))
              (unreachable))
            (throw_ref))
          (i32.const -1)))
      (func (export "all-ref") (param i32) (result i32)
        (block $outer (result i32)
          (try_table (catch $e $outer)
            (block $h (result exnref)
              (try_table (catch_all_ref $h) (call $throw (i32.add (local.get 0) (i32.const 1))))
              (unreachable))
            (throw_ref))
          (i32.const -1)))
      (func (export "null-ref") (throw_ref (ref.null exn))))`);
    expect(call(inst, "all", 3)).toEqual([1]);
    expect(call(inst, "rethrow-ref", 42)).toEqual([42]);
    expect(call(inst, "all-ref", 41)).toEqual([42]);
    const trap = thrown(() => call(inst, "null-ref"));
    expect(trap).toBeInstanceOf(RuntimeError);
    expect((trap as RuntimeError).message).toBe("null exception reference");
  });

  it("catches into a loop label (a back-edge) and leaves traps uncaught", async () => {
    const inst = await instantiateWat(`(module
      (tag $e (param i32))
      (func (export "count") (param i32) (result i32) (local i32)
        (local.get 0)
        (loop $l (param i32)
          (local.set 1)
          (if (i32.eqz (local.get 1)) (then (return (i32.const 100))))
          (try_table (catch $e $l) (throw $e (i32.sub (local.get 1) (i32.const 1)))))
        (i32.const -1))
      (func (export "trap") (result i32)
        (block $h (try_table (catch_all $h) (unreachable))) (i32.const 1)))`);
    expect(call(inst, "count", 1000)).toEqual([100]);
    expect(thrown(() => call(inst, "trap"))).toBeInstanceOf(RuntimeError);
  });

  it("an uncaught exception leaves invoke as a ExceptionInstance with its tag, payload and wasm frames", async () => {
    const inst = await instantiateWat(`(module
      (tag $e (export "e") (param i64 externref))
      (func $inner (param externref) (throw $e (i64.const -5) (local.get 0)))
      (func (export "f") (param externref) (call $inner (local.get 0))))`);
    const payload = { any: "host value" };
    const exn = thrown(() => call(inst, "f", payload));
    expect(exn).toBeInstanceOf(ExceptionInstance);
    const e = exn as ExceptionInstance;
    expect(e.tag).toBe(inst.exports.get("e"));
    expect(e.values).toEqual([-5n, payload]);
    expect(e.wasmStack.map((f) => f.funcIndex)).toEqual([0, 1]);
    // The stack is usable again afterwards.
    expect(thrown(() => call(inst, "f", null))).toBeInstanceOf(ExceptionInstance);
  });

  it("crosses host functions both ways: a host throws into wasm, wasm throws through a host", async () => {
    const tag = new TagInstance({ params: [ValType.i32], results: [] });
    const hostThrows = createHostFunction({ params: [ValType.i32], results: [] }, ([x]) => {
      throw createException(tag, [(x as number) * 2]);
    });
    let inner: FunctionInstance | undefined;
    const hostCallsWasm = createHostFunction(voidType, () => invoke(inner!, []));
    const inst = await instantiateWat(
      `(module
      (import "t" "e" (tag $e (param i32)))
      (import "h" "throws" (func $throws (param i32)))
      (import "h" "calls" (func $calls))
      (func (export "inner") (throw $e (i32.const 11)))
      (func (export "catch-host") (param i32) (result i32)
        (block $h (result i32) (try_table (catch $e $h) (call $throws (local.get 0))) (i32.const 0)))
      (func (export "catch-through-host") (result i32)
        (block $h (result i32) (try_table (catch $e $h) (call $calls)) (i32.const 0))))`,
      [tag, hostThrows, hostCallsWasm],
    );
    inner = inst.exports.get("inner") as FunctionInstance;
    expect(call(inst, "catch-host", 21)).toEqual([42]);
    expect(call(inst, "catch-through-host")).toEqual([11]);
  });

  it("does not let wasm catch other host errors", async () => {
    const failing = createHostFunction(voidType, () => {
      throw new TypeError("host failure");
    });
    const inst = await instantiateWat(
      `(module
      (import "h" "f" (func $f))
      (func (export "f") (result i32) (block $h (try_table (catch_all $h) (call $f))) (i32.const 1)))`,
      [failing],
    );
    expect(thrown(() => call(inst, "f"))).toBeInstanceOf(TypeError);
  });
});

describe("legacy exception handling (try, catch, catch_all, rethrow, delegate)", () => {
  it("runs clauses in order, rethrows from a clause and delegates outwards", async () => {
    const inst = await instantiateWat(`(module
      (tag $a (param i32))
      (tag $b)
      (func $throw (param i32) (if (local.get 0) (then (throw $a (local.get 0))) (else (throw $b))))
      (func (export "clauses") (param i32) (result i32)
        (try (result i32) (do (call $throw (local.get 0)) (i32.const 0))
          (catch $a (i32.add (i32.const 100)))
          (catch_all (i32.const 7))))
      (func (export "rethrow") (param i32) (result i32)
        (try (result i32)
          (do (try (do (call $throw (local.get 0))) (catch $a (drop) (rethrow 0))) (i32.const 0))
          (catch $a)))
      (func (export "delegate") (result i32)
        (try (result i32)
          (do (try (result i32)
                (do (try (result i32) (do (throw $b)) (delegate 1)))
                (catch $b (i32.const 2))))
          (catch $b (i32.const 3)))))`);
    expect(call(inst, "clauses", 5)).toEqual([105]);
    expect(call(inst, "clauses", 0)).toEqual([7]);
    expect(call(inst, "rethrow", 9)).toEqual([9]);
    expect(call(inst, "delegate")).toEqual([3]);
  });
});

describe("tail calls", () => {
  it("runs a million tail calls in constant stack space", async () => {
    const inst = await instantiateWat(`(module
      (type $t (func (param i64 i64) (result i64)))
      (table funcref (elem $odd))
      (func $even (export "even") (param i64 i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
          (else (return_call_indirect (type $t) (i64.sub (local.get 0) (i64.const 1))
                  (i64.add (local.get 1) (i64.const 2)) (i32.const 0)))))
      (func $odd (param i64 i64) (result i64)
        (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
          (else (return_call $even (i64.sub (local.get 0) (i64.const 1)) (i64.add (local.get 1) (i64.const 1)))))))`);
    const stack = new ExecStack({ maxDepth: 100 });
    const even = inst.exports.get("even") as FunctionInstance;
    expect(invoke(even, [1_000_000n, 0n], stack)).toEqual([1_500_000n]);
  });

  it("tail-calls a host function and returns its results", async () => {
    const host = createHostFunction({ params: [ValType.i32], results: [ValType.i32, ValType.i32] }, ([x]) => [
      (x as number) + 1,
      (x as number) * 2,
    ]);
    const inst = await instantiateWat(
      `(module
      (import "h" "f" (func $f (param i32) (result i32 i32)))
      (func (export "f") (param i32) (result i32 i32) (local i32) (local.set 1 (i32.const 9))
        (return_call $f (i32.add (local.get 0) (local.get 1)))))`,
      [host],
    );
    expect(call(inst, "f", 1)).toEqual([11, 20]);
  });
});
