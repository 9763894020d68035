import { parentPort, workerData } from "node:worker_threads";
import { Instance, Memory, type MemoryDescriptor, Module } from "../src/index.js";

/**
 * One agent of shared-memory.test.ts: receives a shared memory's buffer (what a polyfill's
 * `Memory` can be posted as), instantiates the module on it and runs one export.
 */
interface Task {
  readonly bytes: Uint8Array;
  readonly buffer: SharedArrayBuffer;
  readonly descriptor: MemoryDescriptor;
  readonly run: string;
  readonly args: readonly (number | bigint)[];
}

const task = workerData as Task;
const memory = Memory.fromSharedBuffer(task.buffer, task.descriptor);
const instance = new Instance(new Module(task.bytes), { env: { memory } });
const fn = instance.exports[task.run] as (...args: (number | bigint)[]) => unknown;
parentPort!.postMessage({ started: performance.now() });
const result = fn(...task.args);
parentPort!.postMessage({ result, finished: performance.now() });
