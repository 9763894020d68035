import { describe, expect, it } from "vitest";
import { ExecStack, type FunctionInstance, invoke } from "../src/index.js";
import { instantiateWat } from "./load.js";

// A recursion whose frames carry values across the call: a lost or stale view after the stack
// grows shows up as a wrong sum.
const recursion = `(module
  (func $down (export "down") (param $n i32) (result i32) (local $keep i32)
    (local.set $keep (i32.mul (local.get $n) (i32.const 3)))
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 0))
      (else (i32.add (local.get $keep) (call $down (i32.sub (local.get $n) (i32.const 1))))))))`;

const sum = (n: number) => (3 * n * (n + 1)) / 2;

describe("the exec stack", () => {
  it("allocates its slots and frame records as code goes deeper, not up front", async () => {
    const stack = new ExecStack({ slots: 1 << 28, maxDepth: 1 << 24 });
    // A bound of 4 GiB of slots costs a small first allocation.
    expect(stack.capacity).toBeLessThanOrEqual(4096 * 4);
    expect(stack.framePc.length).toBeLessThanOrEqual(256);
    const down = (await instantiateWat(recursion)).exports.get("down") as FunctionInstance;
    expect(invoke(down, [50_000], stack)).toEqual([sum(50_000) | 0]);
    expect(stack.capacity).toBeGreaterThan(4096 * 4);
    expect(stack.framePc.length).toBeGreaterThanOrEqual(50_000);
    // Everything still works on the grown stack, shallow and deep.
    expect(invoke(down, [10], stack)).toEqual([sum(10)]);
    expect(invoke(down, [60_000], stack)).toEqual([sum(60_000) | 0]);
  });

  it("gives the same results when every call grows the stack", async () => {
    const down = (await instantiateWat(recursion)).exports.get("down") as FunctionInstance;
    for (const n of [1, 100, 5000]) {
      const stack = new ExecStack({ slots: 1 << 20, maxDepth: 1 << 20, fuelSlice: 7 });
      expect(invoke(down, [n], stack)).toEqual([sum(n)]);
    }
  });

  it("bounds the depth by its slots, with each suspended frame's overhead charged", async () => {
    const down = (await instantiateWat(recursion)).exports.get("down") as FunctionInstance;
    const depthOf = (stack: ExecStack) => {
      let low = 0;
      let high = 1 << 20;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        try {
          invoke(down, [mid], stack);
          low = mid;
        } catch (error) {
          expect(String(error)).toContain("call stack exhausted");
          high = mid - 1;
        }
      }
      return low;
    };
    const plain = depthOf(new ExecStack({ slots: 8192, maxDepth: 1 << 20 }));
    const charged = depthOf(new ExecStack({ slots: 8192, maxDepth: 1 << 20, frameOverheadSlots: 4 }));
    const bigger = depthOf(new ExecStack({ slots: 16384, maxDepth: 1 << 20, frameOverheadSlots: 4 }));
    expect(charged).toBeLessThan(plain);
    // Twice the slots, about twice the depth: the size bounds the depth, not a fixed count.
    expect(bigger).toBeGreaterThan(charged * 1.9);
    expect(bigger).toBeLessThan(charged * 2.1);
  });

  it("counts down one instruction budget that the embedder can carry across calls", async () => {
    const down = (await instantiateWat(recursion)).exports.get("down") as FunctionInstance;
    const stack = new ExecStack();
    stack.setLimits({ instructions: 1000 });
    invoke(down, [10], stack);
    const left = stack.instructionsLeft;
    expect(left).toBeLessThan(1000);
    expect(left).toBeGreaterThan(900);
  });
});
