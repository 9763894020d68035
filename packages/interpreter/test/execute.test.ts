import { RuntimeError } from "@microwasm/core";
import { describe, expect, it } from "vitest";
import {
  createHostFunction,
  ExecStack,
  FunctionInstance,
  invoke,
  MemoryInstance,
  type ModuleInstance,
  type Value,
} from "../src/index.js";
import { instantiateWat } from "./load.js";

function call(instance: ModuleInstance, name: string, ...args: Value[]): Value[] {
  const fn = instance.exports.get(name);
  if (!(fn instanceof FunctionInstance)) throw new Error(`no function ${name}`);
  return invoke(fn, args);
}

describe("execution", () => {
  it("runs recursion, loops and i64 arithmetic", async () => {
    const inst = await instantiateWat(`(module
      (func $fib (export "fib") (param i32) (result i32)
        (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                         (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
      (func (export "fact") (param i64) (result i64) (local i64)
        (local.set 1 (i64.const 1))
        (block (loop (br_if 1 (i64.eqz (local.get 0)))
          (local.set 1 (i64.mul (local.get 1) (local.get 0)))
          (local.set 0 (i64.sub (local.get 0) (i64.const 1))) (br 0)))
        (local.get 1)))`);
    expect(call(inst, "fib", 20)).toEqual([6765]);
    expect(call(inst, "fact", 20n)).toEqual([2432902008176640000n]);
    expect(call(inst, "fact", 25n)).toEqual([7034535277573963776n]); // wraps modulo 2^64
  });

  it("passes multiple values through blocks, if-with-params and br_table", async () => {
    const inst = await instantiateWat(`(module
      (func (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
      (func (export "ifp") (param i32 i32) (result i32)
        (local.get 1)
        (if (param i32) (result i32) (local.get 0)
          (then (i32.const 10) (i32.add)) (else (i32.const 100) (i32.mul))))
      (func (export "pick") (param i32) (result i32 i64)
        (block (result i32 i64) (block (result i32 i64)
          (i32.const 1) (i64.const 2) (br_table 0 1 (local.get 0)))
          (drop) (drop) (i32.const 3) (i64.const 4))))`);
    expect(call(inst, "swap", 1, 2)).toEqual([2, 1]);
    expect(call(inst, "ifp", 1, 5)).toEqual([15]);
    expect(call(inst, "ifp", 0, 5)).toEqual([500]);
    expect(call(inst, "pick", 0)).toEqual([3, 4n]);
    expect(call(inst, "pick", 1)).toEqual([1, 2n]);
    expect(call(inst, "pick", 7)).toEqual([1, 2n]);
  });

  it("keeps a deferred local.get's value when the local is overwritten before use", async () => {
    const inst = await instantiateWat(`(module
      (func (export "f") (param i32) (result i32)
        (local.get 0) (local.set 0 (i32.const 7)) (local.get 0) (i32.sub)))`);
    expect(call(inst, "f", 10)).toEqual([3]);
  });

  it("traps with the spec's message and a wasm stack trace naming functions", async () => {
    const inst = await instantiateWat(`(module
      (func $inner (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
      (func $outer (export "outer") (param i32) (result i32) (call $inner (local.get 0))))`);
    let error: unknown;
    try {
      call(inst, "outer", 0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuntimeError);
    const trap = error as RuntimeError;
    expect(trap.message).toBe("integer divide by zero");
    expect(trap.wasmStack.map((f) => f.name)).toEqual(["inner", "outer"]);
    expect(trap.wasmStack[0]!.offset).toBeGreaterThan(0);
    // The instance stays usable after a trap.
    expect(call(inst, "outer", 1)).toEqual([1]);
  });

  it("raises call stack exhausted instead of overflowing the JS stack", async () => {
    const inst = await instantiateWat(`(module (func $f (export "f") (call $f)))`);
    expect(() => call(inst, "f")).toThrow("call stack exhausted");
    expect(() => call(inst, "f")).toThrow(RuntimeError);
  });

  it("lets host functions call back into wasm", async () => {
    let instance: ModuleInstance | undefined;
    const host = createHostFunction({ params: [0x7f], results: [0x7f] }, ([n]) => {
      const value = n as number;
      return value <= 0 ? [0] : [(call(instance!, "down", value - 1)[0] as number) + 1];
    });
    instance = await instantiateWat(
      `(module (import "env" "host" (func $host (param i32) (result i32)))
        (func (export "down") (param i32) (result i32) (call $host (local.get 0))))`,
      [host],
    );
    expect(call(instance, "down", 50)).toEqual([50]);
  });

  it("preserves NaN payloads through loads, stores, copies and reinterpretations", async () => {
    const inst = await instantiateWat(`(module (memory (export "mem") 1)
      (func (export "f32") (param i32) (result i32)
        (local f32)
        (f32.store (i32.const 0) (f32.reinterpret_i32 (local.get 0)))
        (local.set 1 (f32.load (i32.const 0)))
        (i32.reinterpret_f32 (f32.neg (f32.neg (local.get 1)))))
      (func (export "f64") (param i64) (result i64)
        (f64.store (i32.const 8) (f64.reinterpret_i64 (local.get 0)))
        (i64.reinterpret_f64 (f64.abs (f64.load (i32.const 8))))))`);
    expect(call(inst, "f32", 0x7fa00001)).toEqual([0x7fa00001]); // a signalling NaN
    expect(call(inst, "f32", 0xffa00000 | 0)).toEqual([0xffa00000 | 0]);
    expect(call(inst, "f64", 0x7ff4000000000001n)).toEqual([0x7ff4000000000001n]);
    const memory = inst.exports.get("mem") as MemoryInstance;
    expect(new DataView(memory.buffer).getUint32(0, true)).toBe(0xffa00000);
  });

  it("grows memory, detaching the old buffer, and refuses growth past the maximum", async () => {
    const inst = await instantiateWat(`(module (memory (export "mem") 1 3)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "poke") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
      (func (export "peek") (param i32) (result i32) (i32.load8_u (local.get 0))))`);
    const memory = inst.exports.get("mem") as MemoryInstance;
    const before = memory.buffer;
    call(inst, "poke", 65535, 42);
    expect(call(inst, "grow", 1)).toEqual([1]);
    expect(before.byteLength).toBe(0);
    expect(memory.buffer.byteLength).toBe(2 * 65536);
    expect(call(inst, "peek", 65535)).toEqual([42]);
    call(inst, "poke", 2 * 65536 - 1, 7);
    expect(call(inst, "grow", 2)).toEqual([-1]);
    expect(() => call(inst, "poke", 2 * 65536, 1)).toThrow("out of bounds memory access");
  });

  it("checks call_indirect signatures and table bounds", async () => {
    const inst = await instantiateWat(`(module
      (type $ii (func (param i32) (result i32)))
      (table 3 funcref) (elem (i32.const 0) $inc $nop)
      (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
      (func $nop)
      (func (export "call") (param i32 i32) (result i32)
        (call_indirect (type $ii) (local.get 0) (local.get 1))))`);
    expect(call(inst, "call", 41, 0)).toEqual([42]);
    expect(() => call(inst, "call", 0, 1)).toThrow("indirect call type mismatch");
    expect(() => call(inst, "call", 0, 2)).toThrow("uninitialized element");
    expect(() => call(inst, "call", 0, 3)).toThrow("undefined element");
  });

  it("keeps the writes of earlier segments when a later one is out of bounds", async () => {
    const memory = new MemoryInstance({ limits: { min: 1 }, shared: false });
    const attempt = instantiateWat(
      `(module (import "env" "mem" (memory 1))
        (data (i32.const 0) "ok") (data (i32.const 65535) "too long"))`,
      [memory],
    );
    await expect(attempt).rejects.toThrow("out of bounds memory access");
    expect(Array.from(memory.u8.subarray(0, 2))).toEqual([0x6f, 0x6b]);
  });
});

describe("execution limits", () => {
  const spin = `(module
    (func (export "spin") (loop (br 0)))
    (func (export "count") (param i32) (result i32) (local i32)
      (block (loop
        (br_if 1 (i32.eqz (local.get 0)))
        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br 0)))
      (local.get 1))
    (func $rec (export "rec") (call $rec)))`;

  it("stops an infinite loop with an instruction budget, and the instance runs again after", async () => {
    const inst = await instantiateWat(spin);
    const stack = new ExecStack({ slots: 1024 });
    stack.setLimits({ instructions: 100_000 });
    const spinFn = inst.exports.get("spin") as FunctionInstance;
    expect(() => invoke(spinFn, [], stack)).toThrow("instruction limit exceeded");
    stack.setLimits({ instructions: 1_000_000 });
    expect(invoke(inst.exports.get("count") as FunctionInstance, [1000], stack)).toEqual([1000]);
    stack.setLimits({ instructions: 1000 });
    expect(() => invoke(inst.exports.get("count") as FunctionInstance, [1_000_000], stack)).toThrow(
      "instruction limit exceeded",
    );
  });

  it("stops an infinite loop with a wall-clock timeout", async () => {
    const inst = await instantiateWat(spin);
    const stack = new ExecStack({ slots: 1024 });
    stack.setLimits({ timeoutMs: 50 });
    const started = performance.now();
    expect(() => invoke(inst.exports.get("spin") as FunctionInstance, [], stack)).toThrow(
      "execution timed out",
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    stack.setLimits({});
    expect(invoke(inst.exports.get("count") as FunctionInstance, [10], stack)).toEqual([10]);
  });

  it("meters calls too, so unbounded recursion without loops is caught by the budget", async () => {
    const inst = await instantiateWat(spin);
    const stack = new ExecStack({ slots: 1 << 16, maxDepth: 1_000_000 });
    stack.setLimits({ instructions: 500 });
    expect(() => invoke(inst.exports.get("rec") as FunctionInstance, [], stack)).toThrow(
      "instruction limit exceeded",
    );
  });

  it("gives the same results when the loop leaves and re-enters every few units of fuel", async () => {
    // Fuel slices of 1 to 7: every back-edge or call may end a slice, and the loop must go on
    // exactly where it stopped (mid-recursion, after a memory.grow, across call_indirect).
    const inst = await instantiateWat(`(module
      (memory 1) (table funcref (elem $fib $sum))
      (type $t (func (param i32) (result i32)))
      (func $fib (export "fib") (type $t)
        (if (result i32) (i32.lt_s (local.get 0) (i32.const 2)) (then (local.get 0))
          (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                         (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 2)) (i32.const 0))))))
      (func $sum (type $t) (local $i i32) (local $acc i32)
        (drop (memory.grow (i32.const 1)))
        (loop $next
          (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $i))
          (local.set $acc (i32.add (local.get $acc) (i32.load (i32.shl (local.get $i) (i32.const 2)))))
          (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get 0))))
        (i32.add (local.get $acc) (memory.size)))
      (func (export "sum") (param i32) (result i32) (call_indirect (type $t) (local.get 0) (i32.const 1))))`);
    const fib = inst.exports.get("fib") as FunctionInstance;
    const sum = inst.exports.get("sum") as FunctionInstance;
    const whole = new ExecStack({ slots: 4096 });
    const expected = [invoke(fib, [18], whole), invoke(sum, [5000], whole)];
    // Each call of `sum` grows memory by a page and adds the new size in pages.
    expect(expected).toEqual([[2584], [(4999 * 5000) / 2 + 2]]);
    for (const [i, fuelSlice] of [1, 2, 7].entries()) {
      const sliced = new ExecStack({ slots: 4096, fuelSlice });
      expect(invoke(fib, [18], sliced)).toEqual([2584]);
      expect(invoke(sum, [5000], sliced)).toEqual([(4999 * 5000) / 2 + 3 + i]);
      expect(sliced.depth).toBe(0);
    }
  });

  it("still traps with a wasm stack trace when a limit is reached between slices", async () => {
    const inst = await instantiateWat(spin);
    const stack = new ExecStack({ slots: 1 << 16, fuelSlice: 3 });
    stack.setLimits({ instructions: 200 });
    let error: unknown;
    try {
      invoke(inst.exports.get("rec") as FunctionInstance, [], stack);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuntimeError);
    expect((error as RuntimeError).trap).toBe("instructionLimit");
    expect((error as RuntimeError).wasmStack.length).toBeGreaterThan(10);
    expect(stack.depth).toBe(0);
  });

  it("terminates from a host function", async () => {
    const stack = new ExecStack({ slots: 1024 });
    const stop = createHostFunction({ params: [], results: [] }, () => {
      stack.requestTerminate();
      return [];
    });
    const inst = await instantiateWat(
      `(module (import "env" "stop" (func $stop)) (func (export "run") (call $stop) (loop (br 0))))`,
      [stop],
    );
    expect(() => invoke(inst.exports.get("run") as FunctionInstance, [], stack)).toThrow("terminated");
  });
});
