import { setTimeout as sleep } from "node:timers/promises";
import { type EngineName, engines } from "./engines.js";

export interface KernelRun {
  /** The checksum `run(reps)` returned. */
  readonly checksum: number;
  /** Wall time of each timed call, in milliseconds. */
  readonly times: readonly number[];
}

type RunExport = (reps: number) => number;

/**
 * Instantiates `bytes` on `engine`, warms it up with `warmReps`, then times `repeat` calls of
 * `run(reps)`. Instantiation and warm-up are not timed. The pause after warm-up lets V8 finish
 * tiering the native code up in the background, so native times are optimized code.
 */
export async function runKernel(
  engine: EngineName,
  bytes: Uint8Array,
  reps: number,
  warmReps: number,
  repeat: number,
): Promise<KernelRun> {
  const api = engines[engine];
  const instance = new api.Instance(new api.Module(bytes), {});
  const run = (instance.exports as { run: RunExport }).run;
  run(warmReps);
  run(warmReps);
  await sleep(20);
  const times: number[] = [];
  let checksum = 0;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    const result = run(reps);
    times.push(performance.now() - start);
    if (i > 0 && result !== checksum) throw new Error(`${engine}: run(${reps}) is not deterministic`);
    checksum = result;
  }
  return { checksum, times };
}

/** Times `repeat` parses + validations + compilations of `bytes` (after one untimed warm-up). */
export function timeLoad(engine: EngineName, bytes: Uint8Array, repeat: number): number[] {
  const api = engines[engine];
  new api.Module(bytes);
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    new api.Module(bytes);
    times.push(performance.now() - start);
  }
  return times;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
