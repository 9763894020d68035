import { Worker } from "node:worker_threads";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { Instance, Memory, Module } from "../src/index.js";

// Threads through the JS API: a shared Memory is one SharedArrayBuffer that several worker
// threads instantiate the same module on; atomics and wait/notify work across them for real.

const descriptor = { initial: 1, maximum: 1, shared: true } as const;

/** A lock at address 0 (0 free, 1 held), built from cmpxchg, wait and notify; a counter at 4. */
const counterModule = `(module
  (import "env" "memory" (memory 1 1 shared))
  (func $lock
    (block $acquired
      (loop $retry
        (br_if $acquired (i32.eqz (i32.atomic.rmw.cmpxchg (i32.const 0) (i32.const 0) (i32.const 1))))
        ;; held by someone else: sleep until it is released (or it already was: "not-equal")
        (drop (memory.atomic.wait32 (i32.const 0) (i32.const 1) (i64.const -1)))
        (br $retry))))
  (func $unlock
    (i32.atomic.store (i32.const 0) (i32.const 0))
    (drop (memory.atomic.notify (i32.const 0) (i32.const 1))))
  ;; n increments of the counter by plain loads and stores, each inside the lock
  (func (export "count") (param $n i32) (result i32)
    (loop $next
      (call $lock)
      (i32.store (i32.const 4) (i32.add (i32.load (i32.const 4)) (i32.const 1)))
      (call $unlock)
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.load (i32.const 4)))
  (func (export "counter") (result i32) (i32.atomic.load (i32.const 4)))
  ;; waits at address 8 while it holds 0; returns 0 when woken
  (func (export "sleep") (result i32) (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1)))
  (func (export "wake") (result i32)
    (i32.atomic.store (i32.const 8) (i32.const 1))
    (memory.atomic.notify (i32.const 8) (i32.const 1))))`;

interface Outcome {
  readonly result: unknown;
  readonly started: number;
  readonly finished: number;
}

function runInWorker(
  bytes: Uint8Array,
  memory: Memory,
  run: string,
  args: readonly number[],
  onStart?: () => void,
): Promise<Outcome> {
  const worker = new Worker(new URL("./shared-memory-worker-boot.mjs", import.meta.url), {
    workerData: { bytes, buffer: memory.buffer, descriptor, run, args },
    execArgv: ["--conditions=source"],
  });
  return new Promise((resolve, reject) => {
    let started = 0;
    worker.on("message", (message: { started?: number; result?: unknown; finished?: number }) => {
      if (message.started !== undefined) {
        started = message.started;
        onStart?.();
      } else {
        resolve({ result: message.result, started, finished: message.finished! });
        void worker.terminate();
      }
    });
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`worker exited with ${code} before finishing`)));
  });
}

describe("shared memory across worker threads", () => {
  it("is a SharedArrayBuffer that needs a maximum", () => {
    const memory = new Memory(descriptor);
    expect(memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(() => new Memory({ initial: 1, shared: true })).toThrow(TypeError);
    const again = Memory.fromSharedBuffer(memory.buffer as unknown as SharedArrayBuffer, descriptor);
    new Uint8Array(again.buffer)[3] = 7;
    expect(new Uint8Array(memory.buffer)[3]).toBe(7);
  });

  it("keeps a counter exact under a lock built from atomics, four threads at once", async () => {
    const bytes = await wat(counterModule, { threads: true });
    const memory = new Memory(descriptor);
    const perWorker = 3000;
    const outcomes = await Promise.all(
      [0, 1, 2, 3].map(() => runInWorker(bytes, memory, "count", [perWorker])),
    );
    const local = new Instance(new Module(bytes), { env: { memory } });
    expect((local.exports["counter"] as () => number)()).toBe(4 * perWorker);
    // Each thread saw the counter at least where its own increments put it.
    for (const o of outcomes) expect(o.result as number).toBeGreaterThanOrEqual(perWorker);
  }, 120_000);

  it("blocks a thread in memory.atomic.wait32 until another notifies it", async () => {
    const bytes = await wat(counterModule, { threads: true });
    const memory = new Memory(descriptor);
    const local = new Instance(new Module(bytes), { env: { memory } });
    let woken = 0;
    const sleeper = runInWorker(bytes, memory, "sleep", [], () => {
      // The worker is about to wait: wake it 200 ms from now.
      setTimeout(() => {
        woken = performance.now();
        expect((local.exports["wake"] as () => number)()).toBeLessThanOrEqual(1);
      }, 200);
    });
    const outcome = await sleeper;
    expect(outcome.result).toBe(0); // "ok": woken by notify, not timed out or not-equal
    expect(outcome.finished - outcome.started).toBeGreaterThanOrEqual(150);
    expect(woken).toBeGreaterThan(0);
  }, 60_000);
});
