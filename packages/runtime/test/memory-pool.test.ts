import { PAGE_SIZE } from "@microwasm/core";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { ResourceError, Runtime, WasmException } from "../src/index.js";

const appText = `(module
  (memory (export "memory") 1 8)
  (table 64 funcref)
  (global $counter (mut i32) (i32.const 0))
  (global (export "limit") i32 (i32.const 100))
  (func $start (global.set $counter (i32.const 1)))
  (start $start)
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1))) (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`;

/** Runs load → instantiate → exec env → call → grow; returns where it stopped, and checks the teardown. */
function flow(bytes: Uint8Array, poolSize: number): { stage: string; grew: number } {
  const runtime = new Runtime({ allocator: "pool", poolSize });
  let stage = "load";
  let grew = Number.NaN;
  try {
    const module = runtime.load(bytes);
    stage = "instantiate";
    const instance = module.instantiate({ stackSize: 4096, heapSize: 4096 });
    stage = "exec env";
    const env = instance.createExecEnv(4096);
    stage = "call";
    expect(env.call(instance.lookupFunction("fib")!, [10])).toEqual([55]);
    stage = "grow";
    [grew] = env.call(instance.lookupFunction("grow")!, [1]) as [number];
    stage = "done";
    env.destroy();
    instance.deinstantiate();
    module.unload();
  } catch (error) {
    expect(error, `${stage} with a pool of ${poolSize}`).toBeInstanceOf(ResourceError);
    expect((error as Error).message).toBe("allocate memory failed");
  } finally {
    runtime.destroy();
  }
  expect(runtime.pool.used, `the pool after a run of ${poolSize} bytes that stopped at ${stage}`).toBe(0);
  return { stage, grew };
}

describe("the memory pool", () => {
  it("fails each stage cleanly when exhausted there, and gets every byte back after teardown", async () => {
    const bytes = await wat(appText);
    const full = flow(bytes, 1 << 20);
    expect(full).toEqual({ stage: "done", grew: 2 });
    // Find each stage's threshold by bisection: the smallest pool that gets past it.
    const stages = ["load", "instantiate", "exec env", "call", "grow", "done"];
    const reached = (size: number) => stages.indexOf(flow(bytes, size).stage);
    const seen = new Set<string>();
    let low = 0;
    for (let target = 1; target < stages.length; target++) {
      let lo = low;
      let hi = 1 << 20;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (reached(mid) >= target) hi = mid;
        else lo = mid + 1;
      }
      seen.add(flow(bytes, lo - 1).stage);
      low = lo;
    }
    // Every operation that allocates failed at some size: load, instantiate, exec env; and a
    // grow the pool cannot cover returns -1 instead of failing the call.
    expect([...seen]).toEqual(["load", "instantiate", "exec env"]);
    // With just enough for the exec env, the 64 KiB a grow needs are not there: -1.
    expect(flow(bytes, low)).toEqual({ stage: "done", grew: -1 });
  });

  it("makes module_malloc return 0 when the app's own malloc cannot grow memory", async () => {
    const runtime = new Runtime({ allocator: "pool", poolSize: 400 * 1024 });
    const module = runtime.load(
      await wat(`(module (memory (export "memory") 1)
        ;; a bump allocator that grows memory a page at a time
        (global $next (mut i32) (i32.const 1024))
        (func (export "malloc") (param $size i32) (result i32) (local $at i32)
          (local.set $at (global.get $next))
          (global.set $next (i32.add (local.get $at) (local.get $size)))
          (block $ok (loop $more
            (br_if $ok (i32.le_u (global.get $next) (i32.mul (memory.size) (i32.const ${PAGE_SIZE}))))
            (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then (return (i32.const 0))))
            (br $more)))
          (local.get $at))
        (func (export "free") (param i32)))`),
    );
    const instance = module.instantiate({ stackSize: 4096, heapSize: 65536 }); // no app heap: it has malloc
    expect(instance.appHeap).toBeUndefined();
    const blocks: number[] = [];
    for (;;) {
      const at = instance.moduleMalloc(60000);
      if (at === 0) break;
      blocks.push(at);
    }
    expect(blocks.length).toBeGreaterThan(2);
    expect(instance.getException()).toBeNull();
    expect(runtime.pool.used).toBeLessThanOrEqual(400 * 1024);
    instance.deinstantiate();
    module.unload();
    expect(runtime.pool.used).toBe(0);
  });

  it("gives back what an instance took when its start function fails", async () => {
    const runtime = new Runtime({ allocator: "pool", poolSize: 1 << 20 });
    const module = runtime.load(await wat(`(module (memory 2) (func $s unreachable) (start $s))`));
    const before = runtime.pool.used;
    expect(() => module.instantiate()).toThrow(new WasmException("Exception: unreachable"));
    expect(runtime.pool.used).toBe(before);
  });
});
