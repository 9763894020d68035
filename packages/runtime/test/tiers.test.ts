import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import {
  aotTier,
  MissingAotTierError,
  Runtime,
  type RuntimeOptions,
  RuntimeOptionsError,
} from "../src/index.js";
import { deepestCall, downText } from "./deepest-call.js";

// The runtime is given the AOT tier (`aot: aotTier`) rather than importing it, so that an
// interpreter-only product carries none of it; these are the rules of that choice.

const fib = await wat(`(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2))))))))`);

describe("the runtime's tiers", () => {
  it("runs a module alike in the interpreter and, given the tier, in the AOT tier", () => {
    for (const options of [{}, { engine: "auto", aot: aotTier }, { engine: "aot", aot: aotTier }] as const) {
      expect(new Runtime(options).load(fib).instantiate().call("fib", [20])).toEqual([6765]);
    }
  });

  it('refuses engine "aot" without the tier, and runs "auto" in the interpreter', () => {
    expect(() => new Runtime({ engine: "aot" })).toThrow(RuntimeOptionsError);
    expect(() => new Runtime({ engine: "aot" })).toThrow(/needs the AOT tier/);
    expect(new Runtime({ engine: "auto" }).load(fib).instantiate().call("fib", [10])).toEqual([55]);
    expect(() => new Runtime({ aot: {} as typeof aotTier })).toThrow(/aotTier/);
  });

  it("writes and loads precompiled functions only with the tier", () => {
    expect(() => new Runtime().load(fib).precompiledSource()).toThrow(MissingAotTierError);
    const source = new Runtime({ aot: aotTier }).load(fib).precompiledSource();
    const precompiled = new Function(`return ${source};`)() as [];
    expect(() => new Runtime().load(fib, { precompiled })).toThrow(/needs the AOT tier/);
    const loaded = new Runtime({ aot: aotTier }).load(fib, { precompiled });
    expect(loaded.instantiate().call("fib", [15])).toEqual([610]);
  });

  it("runs out of stack exactly where the interpreter does, with or without a limit", async () => {
    // A frame's share of the stack depends on where the caller's operands end: the AOT tier
    // charges what the interpreter's frames would take, also past the depth where its calls go
    // on in the interpreter (some thousand frames) and under an instruction limit (metered code).
    const down = await wat(downText);
    const deepest = (options: RuntimeOptions, stackSize: number, metered: boolean): number => {
      const instance = new Runtime(options).load(down).instantiate();
      const env = instance.createExecEnv(stackSize);
      if (metered) env.setInstructionCountLimit(1e12);
      return deepestCall(env, instance.lookupFunction("down")!, 1 << 16);
    };
    for (const stackSize of [4096, 4100, 4156, 64 * 1024, 1 << 20]) {
      for (const metered of [false, true]) {
        const interpreted = deepest({}, stackSize, metered);
        expect(deepest({ engine: "aot", aot: aotTier }, stackSize, metered)).toBe(interpreted);
      }
    }
    expect(deepest({}, 1 << 20, false)).toBeGreaterThan(5000);
  });
});
