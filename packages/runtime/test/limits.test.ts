import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { aotTier, type ExecEnv, Runtime, type RuntimeOptions, WasmException } from "../src/index.js";
import { deepestCall, downText } from "./deepest-call.js";
import { loadWat } from "./load.js";

const spinText = `(module
  (import "env" "tick" (func $tick (param i32)))
  (func (export "spin") (loop $l (br $l)))
  (func (export "spinTicking") (param i32) (loop $l (call $tick (local.get 0)) (br $l)))
  (func (export "count") (param i32) (result i32) (local i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get 1) (local.get 0)))
      (call $tick (local.get 1))
      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
      (br $l)))
    (local.get 1))
  (func $deep (export "deep") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1))))))))`;

async function setUp(options: RuntimeOptions, stopAt = Number.POSITIVE_INFINITY) {
  const { runtime, module } = await loadWat(spinText, options);
  runtime.registerNatives("env", [
    {
      name: "tick",
      signature: "(i)",
      fn: (env: ExecEnv, n: number) => {
        if (n === stopAt) env.moduleInstance.terminate();
        // A native that asks to stop, then calls in again: the new call stops at once.
        if (n === -stopAt) {
          env.moduleInstance.terminate();
          env.call(env.moduleInstance.lookupFunction("spin")!);
        }
      },
    },
  ]);
  const instance = module.instantiate({ stackSize: 16 * 1024 });
  const env = instance.createExecEnv(16 * 1024);
  const fn = (name: string) => instance.lookupFunction(name)!;
  return { instance, env, fn };
}

// In the AOT tier, a stack with a limit runs the metered variant of compiled code and one
// without runs the unmetered one, which checks for terminate requests after host calls.
describe.each([
  ["the interpreter", {}],
  ["the AOT tier", { engine: "aot", aot: aotTier }],
] as const)("limits that stop a runaway call, in %s", (_tier, options: RuntimeOptions) => {
  it("an instruction-count limit stops an infinite loop; as WAMR's counter it spans the env's life", async () => {
    const { instance, env, fn } = await setUp(options);
    env.setInstructionCountLimit(100_000);
    expect(() => env.call(fn("spin"))).toThrow(new WasmException("Exception: instruction limit exceeded"));
    expect(instance.getException()).toBe("Exception: instruction limit exceeded");
    // The budget is spent: the next call from the host stops too, until the limit is set again.
    expect(() => env.call(fn("count"), [1000])).toThrow("instruction limit exceeded");
    env.setInstructionCountLimit(100_000);
    expect(env.call(fn("count"), [1000])).toEqual([1000]);
    expect(instance.getException()).toBeNull();
    env.setInstructionCountLimit(-1);
    expect(env.call(fn("count"), [100_000])).toEqual([100_000]);
  });

  it("counts calls from the host against one budget", async () => {
    const { env, fn } = await setUp(options);
    env.setInstructionCountLimit(50_000);
    // Each call spends about 10,000 of it: a few pass, then the budget is gone.
    let passed = 0;
    try {
      for (let i = 0; i < 100; i++) {
        env.call(fn("count"), [2000]);
        passed++;
      }
    } catch (error) {
      expect(String(error)).toContain("instruction limit exceeded");
    }
    expect(passed).toBeGreaterThan(0);
    expect(passed).toBeLessThan(100);
  });

  it("a wall-clock timeout stops an infinite loop, and the instance can be called again", async () => {
    const { instance, env, fn } = await setUp(options);
    env.setTimeout(30);
    const started = performance.now();
    expect(() => env.call(fn("spin"))).toThrow(new WasmException("Exception: execution timed out"));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(instance.getException()).toBe("Exception: execution timed out");
    expect(env.call(fn("count"), [10])).toEqual([10]);
  });

  it("terminate called from a native stops the call with WAMR's exception", async () => {
    const { instance, env, fn } = await setUp(options, 5);
    expect(() => env.call(fn("count"), [100])).toThrow(new WasmException("Exception: terminated by user"));
    expect(instance.getException()).toBe("Exception: terminated by user");
    const second = await setUp(options, 1_000_000);
    expect(second.env.call(second.fn("count"), [20])).toEqual([20]);
  });

  it("terminate stops a loop without end that calls the host, with no limit set", async () => {
    const { instance, env, fn } = await setUp(options, 7);
    expect(() => env.call(fn("spinTicking"), [7])).toThrow(
      new WasmException("Exception: terminated by user"),
    );
    expect(instance.getException()).toBe("Exception: terminated by user");
    // A native that terminates, then calls a loop without end: that call stops too.
    const again = await setUp(options, 9);
    expect(() => again.env.call(again.fn("spinTicking"), [-9])).toThrow("terminated by user");
  });

  it("the exec env's stack size bounds recursion: wasm operand stack overflow", async () => {
    const { instance, env, fn } = await setUp(options);
    expect(env.call(fn("deep"), [100])).toEqual([100]);
    expect(() => env.call(fn("deep"), [100_000])).toThrow(
      new WasmException("Exception: wasm operand stack overflow"),
    );
    const bigger = instance.createExecEnv(1 << 20);
    expect(bigger.call(fn("deep"), [10_000])).toEqual([10_000]);
    expect(env.call(fn("deep"), [10])).toEqual([10]);
  });

  it("natives re-entering wasm without end: native stack overflow, and the instance goes on", async () => {
    const { runtime, module } = await loadWat(
      `(module (import "env" "down" (func $d (param i32) (result i32)))
      (func (export "rec") (param i32) (result i32) (call $d (local.get 0))))`,
      options,
    );
    let deepest = 0;
    runtime.registerNatives("env", [
      {
        name: "down",
        signature: "(i)i",
        fn: (env: ExecEnv, n: number) => {
          deepest = Math.max(deepest, n);
          return n >= 150 ? n : env.call(env.moduleInstance.lookupFunction("rec")!, [n + 1])[0];
        },
      },
    ]);
    const instance = module.instantiate({ stackSize: 1 << 20 });
    expect(instance.call("rec", [0])).toEqual([150]); // deep, but within bounds
    expect(() => instance.call("rec", [-100_000])).toThrow(
      new WasmException("Exception: native stack overflow"),
    );
    expect(deepest).toBe(150);
    expect(instance.call("rec", [149])).toEqual([150]);
  });

  it("the stack size bounds the depth by bytes, as WAMR's frames spend them", async () => {
    const instance = new Runtime(options).load(await wat(downText)).instantiate();
    const deepest = (stackSize: number) => {
      const env = instance.createExecEnv(stackSize);
      const low = deepestCall(env, instance.lookupFunction("down")!, 1 << 22);
      env.destroy();
      return low;
    };
    const at64k = deepest(64 * 1024);
    // A frame of this function is its header plus a few slots: 64 KiB holds hundreds.
    expect(at64k).toBeGreaterThan(300);
    expect(at64k).toBeLessThan(2000);
    for (const factor of [2, 16]) {
      const ratio = deepest(64 * 1024 * factor) / at64k;
      expect(ratio).toBeGreaterThan(factor * 0.95);
      expect(ratio).toBeLessThan(factor * 1.05);
    }
  });

  it("WAMR's call path reports the same exceptions and returns false", async () => {
    const { instance, env, fn } = await setUp(options);
    env.setInstructionCountLimit(1000);
    expect(env.callWasm(fn("spin"), 0, new Uint32Array(1))).toBe(false);
    expect(instance.getException()).toBe("Exception: instruction limit exceeded");
    env.setInstructionCountLimit(-1);
    const argv = new Uint32Array([50]);
    expect(env.callWasm(fn("count"), 1, argv)).toBe(true);
    expect(argv[0]).toBe(50);
  });
});
