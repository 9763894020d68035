import { PAGE_SIZE, ValType } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import {
  createRawHostFunction,
  ExecStack,
  type FunctionInstance,
  instantiateModule,
  invoke,
  type MemoryBudget,
  type MemoryInstance,
} from "../src/index.js";
import { compileWat, instantiateWat } from "./load.js";

/** A budget that counts what it handed out and refuses past `size`. */
class CountingBudget implements MemoryBudget {
  used = 0;
  constructor(readonly size: number) {}
  reserve(bytes: number): boolean {
    if (this.used + bytes > this.size) return false;
    this.used += bytes;
    return true;
  }
  release(bytes: number): void {
    this.used -= bytes;
  }
}

describe("raw host functions", () => {
  it("read arguments from the caller's cells and write results back, with the stack in hand", async () => {
    const seen: ExecStack[] = [];
    const addMul = createRawHostFunction(
      { params: [ValType.i32, ValType.i64, ValType.f64], results: [ValType.f64] },
      (stack, base) => {
        seen.push(stack);
        const a = stack.i32[base]!;
        const bLow = stack.i32[base + 4]!;
        const c = stack.f64[(base + 8) >> 1]!;
        stack.f64[base >> 1] = (a + bLow) * c;
      },
    );
    const inst = await instantiateWat(
      `(module (import "env" "f" (func $f (param i32 i64 f64) (result f64)))
        (func (export "run") (param i32) (result f64)
          (call $f (local.get 0) (i64.const 5) (f64.const 0.5))))`,
      [addMul],
    );
    const stack = new ExecStack({ slots: 256 });
    const run = inst.exports.get("run") as FunctionInstance;
    expect(invoke(run, [7], stack)).toEqual([6]);
    expect(seen).toEqual([stack]);
    // Invoked directly, the arguments travel through the given stack's free cells.
    expect(invoke(addMul, [1, 1n, 2], stack)).toEqual([4]);
    expect(stack.top).toBe(0);
  });
});

describe("memory budgets", () => {
  it("draw initial pages and grows from the budget, and refuse with -1 once exhausted", async () => {
    const budget = new CountingBudget(3 * PAGE_SIZE);
    const compiled = await compileWat(`(module (memory (export "m") 1)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);
    const inst = instantiateModule(compiled, [], { budget });
    expect(budget.used).toBe(PAGE_SIZE);
    const grow = inst.exports.get("grow") as FunctionInstance;
    expect(invoke(grow, [2])).toEqual([1]);
    expect(budget.used).toBe(3 * PAGE_SIZE);
    expect(invoke(grow, [1])).toEqual([-1]);
    expect((inst.exports.get("m") as MemoryInstance).pages).toBe(3);
    expect(budget.used).toBe(3 * PAGE_SIZE);
  });

  it("make instantiation throw RangeError when the initial memory or table does not fit", async () => {
    const compiled = await compileWat(`(module (table 1000 funcref) (memory 2))`);
    expect(() => instantiateModule(compiled, [], { budget: new CountingBudget(PAGE_SIZE) })).toThrow(
      RangeError,
    );
    expect(() => instantiateModule(compiled, [], { budget: new CountingBudget(100) })).toThrow(RangeError);
    const enough = new CountingBudget(4 * PAGE_SIZE);
    instantiateModule(compiled, [], { budget: enough });
    expect(enough.used).toBe(2 * PAGE_SIZE + 1000 * 8);
  });

  it("runs the start function on the stack it is given", async () => {
    const stack = new ExecStack({ slots: 64 });
    stack.setLimits({ instructions: 1000 });
    const compiled = await compileWat(`(module (func $spin (loop (br 0))) (start $spin))`);
    expect(() => instantiateModule(compiled, [], { stack })).toThrow(/instruction limit exceeded/);
  });

  it("hands the instance, with its unexported memories, to beforeStart before the start function runs", async () => {
    const seen: number[] = [];
    const probe = createRawHostFunction({ params: [], results: [] }, () => {
      seen.push(memories[0]!.u8[7]!);
    });
    let memories: readonly MemoryInstance[] = [];
    const compiled = await compileWat(`(module (import "env" "probe" (func $p)) (memory 1)
      (data (i32.const 7) "\\2a") (func $s (call $p)) (start $s))`);
    const inst = instantiateModule(compiled, [probe], {
      beforeStart: (instance) => {
        memories = instance.memories;
        seen.push(-1);
      },
    });
    expect(seen).toEqual([-1, 42]);
    expect(inst.memories).toBe(memories);
    expect(inst.exports.size).toBe(0);
  });
});
