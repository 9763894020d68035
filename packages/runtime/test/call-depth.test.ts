import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { Runtime } from "../src/index.js";

// Calls from the host that reach a native from a nested wasm frame must each start from the
// bottom of the call stack again: the frames they used are not left counted.
describe("call depth across calls from the host", () => {
  it("does not grow when each call reaches a native from a nested frame", async () => {
    const runtime = new Runtime();
    let called = 0;
    runtime.registerNatives("env", [{ name: "f", signature: "()", fn: () => void called++ }]);
    const module = runtime.load(
      await wat(`(module (import "env" "f" (func $f))
        (func $inner call $f)
        (func $middle call $inner)
        (func (export "run") call $middle))`),
    );
    // A small stack: a few dozen frames at most.
    const instance = module.instantiate({ stackSize: 1024 });
    const env = instance.createExecEnv(1024);
    const run = instance.lookupFunction("run")!;
    for (let i = 0; i < 5000; i++) env.call(run);
    for (let i = 0; i < 5000; i++) instance.call(run);
    expect(called).toBe(10_000);
  });
});
