import { Worker } from "node:worker_threads";
import type { EngineName } from "./engine.js";
import { type Counts, emptyCounts, type ScriptResult } from "./results.js";
import type { FromWorker, ToWorker, WorkerSetup } from "./worker-protocol.js";

/**
 * Runs scripts on worker threads, a few at a time. A worker is the unit of isolation: a script
 * that hangs (an engine bug can loop forever) is stopped by terminating its worker after
 * `timeoutMs`, and a worker that dies takes only its current script with it. Either way the
 * script's result keeps what it had reported and counts its remaining commands as failed.
 */

export interface ScriptTask {
  readonly group: string;
  readonly script: string;
  /** Number of commands, for progress and for what an aborted script counts as failed. */
  readonly commands: number;
}

export interface PoolEvents {
  readonly onStart?: (task: ScriptTask) => void;
  readonly onProgress?: (task: ScriptTask, done: number, counts: Counts) => void;
  readonly onResult?: (result: ScriptResult) => void;
}

export interface PoolOptions extends PoolEvents {
  readonly engine: EngineName;
  readonly specDir: string;
  readonly jobs: number;
  /** Per-script time limit; 0 for none. */
  readonly timeoutMs: number;
  readonly maxFailures: number;
}

const workerEntry = new URL("./worker-boot.mjs", import.meta.url);

export async function runInWorkers(
  tasks: readonly ScriptTask[],
  options: PoolOptions,
): Promise<ScriptResult[]> {
  const queue = [...tasks];
  const results: ScriptResult[] = [];
  const slots = Math.max(1, Math.min(options.jobs, queue.length));
  const setup: WorkerSetup = {
    engine: options.engine,
    specDir: options.specDir,
    maxFailures: options.maxFailures,
  };
  const runSlot = async (): Promise<void> => {
    let worker = await spawn(setup);
    try {
      for (let task = queue.shift(); task; task = queue.shift()) {
        options.onStart?.(task);
        const { result, dead } = await runTask(worker, task, options);
        results.push(result);
        options.onResult?.(result);
        if (dead) worker = await spawn(setup);
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: slots }, runSlot));
  return results;
}

function spawn(setup: WorkerSetup): Promise<Worker> {
  // Workers get the "source" condition so workspace packages resolve to their TypeScript.
  const worker = new Worker(workerEntry, { workerData: setup, execArgv: ["--conditions=source"] });
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromWorker): void => {
      cleanup();
      if (message.type === "ready") resolve(worker);
      else {
        void worker.terminate();
        reject(
          new Error(message.type === "fatal" ? message.message : `unexpected worker message ${message.type}`),
        );
      }
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      worker.off("message", onMessage);
      worker.off("error", onError);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
  });
}

function runTask(
  worker: Worker,
  task: ScriptTask,
  options: PoolOptions,
): Promise<{ result: ScriptResult; dead: boolean }> {
  return new Promise((resolve) => {
    const started = performance.now();
    let last = { done: 0, counts: emptyCounts(), line: 0 };
    const finish = (result: ScriptResult, dead: boolean): void => {
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      resolve({ result, dead });
    };
    const abort = (reason: string, dead: boolean): void =>
      finish(abortedResult(task, last, reason, performance.now() - started), dead);
    const onMessage = (message: FromWorker): void => {
      switch (message.type) {
        case "progress":
          last = message;
          options.onProgress?.(task, message.done, message.counts);
          return;
        case "result":
          finish(message.result, false);
          return;
        case "error":
          abort(`runner error: ${message.message}`, false);
          return;
        default:
          abort(`unexpected worker message ${message.type}`, false);
      }
    };
    const onError = (error: Error): void => abort(`worker crashed: ${error.message}`, true);
    const onExit = (code: number): void => abort(`worker exited with code ${code}`, true);
    const timer =
      options.timeoutMs > 0
        ? setTimeout(() => {
            void worker.terminate();
            abort(`timed out after ${Math.round(options.timeoutMs / 1000)} s near line ${last.line}`, true);
          }, options.timeoutMs)
        : undefined;
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage({ group: task.group, script: task.script } satisfies ToWorker);
  });
}

export function abortedResult(
  task: ScriptTask,
  last: { done: number; counts: Counts; line: number },
  reason: string,
  durationMs: number,
): ScriptResult {
  const remaining = Math.max(0, task.commands - last.done);
  return {
    group: task.group,
    script: task.script,
    commands: task.commands,
    ...last.counts,
    fail: last.counts.fail + remaining,
    skipReasons: {},
    failures: [{ line: last.line, command: "script", message: reason }],
    messageMismatches: [],
    durationMs: Math.round(durationMs),
    aborted: reason,
  };
}
