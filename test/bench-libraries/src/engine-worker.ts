import { parentPort, workerData } from "node:worker_threads";
import { type CaseSize, cases } from "./cases.js";

/** What the main thread asks of one engine's worker. */
export interface WorkerRequest {
  readonly engine: string;
  readonly only: readonly string[];
  readonly size: CaseSize;
  readonly repeat: number;
}

/** One case on one engine. */
export type CaseResult =
  | {
      readonly name: string;
      /** Loading the library and compiling its wasm. */
      readonly setupMs: number;
      /** The median of the timed runs (after one untimed warm-up run). */
      readonly runMs: number;
      readonly checksum: string;
      /** False when a later run's output differed from the first one's. */
      readonly stable: boolean;
    }
  | { readonly name: string; readonly error: string };

const request = workerData as WorkerRequest;

if (request.engine !== "node") {
  // Node's own engine leaves this thread's global before microwasm loads, so no library glue
  // (and no tier) can hand work to it.
  Reflect.deleteProperty(globalThis, "WebAssembly");
  const { createWebAssembly } = await import("@microwasm/webassembly");
  const engine = request.engine === "aot" ? "aot" : "interpreter";
  (globalThis as { WebAssembly?: unknown }).WebAssembly = createWebAssembly({ engine });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

for (const c of cases) {
  if (request.only.length > 0 && !request.only.includes(c.name)) continue;
  let result: CaseResult;
  try {
    const started = performance.now();
    const run = await c.prepare(request.size);
    const setupMs = performance.now() - started;
    const checksum = await run();
    let stable = true;
    const times: number[] = [];
    for (let i = 0; i < request.repeat; i++) {
      const t = performance.now();
      const again = await run();
      times.push(performance.now() - t);
      if (again !== checksum) stable = false;
    }
    result = { name: c.name, setupMs, runMs: median(times), checksum, stable };
  } catch (error) {
    result = { name: c.name, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(result);
}
