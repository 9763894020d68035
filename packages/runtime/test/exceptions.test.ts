import { CompileError, wasm3Features } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import { ExceptionInstance, WasmException } from "../src/index.js";
import { loadWat } from "./load.js";

const throwing = `(module
  (tag $e (param i32))
  (func $inner (param i32) (throw $e (local.get 0)))
  (func (export "caught") (param i32) (result i32)
    (block $h (result i32) (try_table (catch $e $h) (call $inner (local.get 0))) (i32.const -1)))
  (func (export "uncaught") (call $inner (i32.const 5)))
  (func $count (param i32 i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (local.get 1))
      (else (return_call $count (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 2))))))
  (func (export "count") (param i32) (result i32) (return_call $count (local.get 0) (i32.const 0))))`;

describe("WebAssembly 3.0 through the runtime", () => {
  it("catches in wasm, and reports an exception nothing caught as WAMR does", async () => {
    const { module } = await loadWat(throwing);
    const instance = module.instantiate();
    expect(instance.call("caught", [9])).toEqual([9]);
    let error: unknown;
    try {
      instance.call("uncaught");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WasmException);
    expect((error as WasmException).message).toBe("Exception: uncaught wasm exception");
    expect((error as WasmException).cause).toBeInstanceOf(ExceptionInstance);
    expect(instance.getException()).toBe("Exception: uncaught wasm exception");
  });

  it("runs tail calls in a stack that could not hold the frames", async () => {
    const { module } = await loadWat(throwing);
    const instance = module.instantiate({ stackSize: 16 * 1024 });
    expect(instance.call("count", [1_000_000])).toEqual([2_000_000]);
  });

  it("refuses the features an embedder turns off", async () => {
    const features = { ...wasm3Features, exceptions: false };
    await expect(loadWat(throwing, { features })).rejects.toThrow(CompileError);
  });
});
