import { setTimeout as sleep } from "node:timers/promises";
import { type ApiEngineName, type EngineName, engines, instantiateKernel } from "./engines.js";

/** One timed run: wall-clock and process CPU time (all threads), in milliseconds. */
export interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

export interface KernelRun {
  /** The checksum `run(reps)` returned. */
  readonly checksum: number;
  readonly times: readonly Timing[];
}

/** Times `f` by wall clock and by this process's CPU time (robust on a shared machine). */
export function timed<T>(f: () => T): [T, Timing] {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const result = f();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  return [result, { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }];
}

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
  const run = await instantiateKernel(engine, bytes);
  run(warmReps);
  run(warmReps);
  await sleep(20);
  const times: Timing[] = [];
  let checksum = 0;
  for (let i = 0; i < repeat; i++) {
    const [result, timing] = timed(() => run(reps));
    times.push(timing);
    if (i > 0 && result !== checksum) throw new Error(`${engine}: run(${reps}) is not deterministic`);
    checksum = result;
  }
  return { checksum, times };
}

/** Times `repeat` parses + validations + compilations of `bytes` (after one untimed warm-up). */
export function timeLoad(engine: ApiEngineName, bytes: Uint8Array, repeat: number): Timing[] {
  const api = engines[engine];
  new api.Module(bytes);
  const times: Timing[] = [];
  for (let i = 0; i < repeat; i++) times.push(timed(() => new api.Module(bytes))[1]);
  return times;
}

/** Medians of the wall and CPU times. */
export function medianTiming(times: readonly Timing[]): Timing {
  return { wallMs: median(times.map((t) => t.wallMs)), cpuMs: median(times.map((t) => t.cpuMs)) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
