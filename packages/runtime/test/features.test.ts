import { CompileError, wasm2Features } from "@microwasm/core";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { Runtime } from "../src/index.js";

// The runtime accepts WebAssembly 3.0 memories and threads by default; `features` turns them off.

const module = await wat(
  `(module
    (memory $main (export "memory") 1) (memory $counters 1 1 shared)
    (func (export "bump") (param i32) (result i32)
      (i32.atomic.rmw.add $counters (i32.const 0) (local.get 0)))
    (func (export "read") (result i32) (i32.atomic.load $counters (i32.const 0))))`,
  { multi_memory: true, threads: true },
);

describe("3.0 features in the runtime", () => {
  it("runs a module with a second, shared memory and atomics", () => {
    const instance = new Runtime().load(module).instantiate();
    instance.call("bump", [5]);
    expect(instance.call("bump", [2])).toEqual([5]);
    expect(instance.call("read", [])).toEqual([7]);
    expect(instance.memory!.pages).toBe(1); // the exported memory 0
  });

  it("rejects it when those features are off", () => {
    expect(() => new Runtime({ features: wasm2Features }).load(module)).toThrow(CompileError);
  });
});
