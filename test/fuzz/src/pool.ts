import { Worker } from "node:worker_threads";
import type { FromWorker, FuzzTask, TaskResult, WorkerSetup } from "./worker-protocol.js";

/**
 * Worker threads that run fuzz tasks one at a time each. A worker is the unit of isolation:
 * Node's engine cannot be interrupted inside the thread that runs it, so a module that hangs
 * (or a decoder bug that loops) is stopped by terminating its worker after `taskTimeoutMs`; the
 * task counts as a timeout and a fresh worker takes the slot.
 */

export interface PoolOptions extends WorkerSetup {
  readonly jobs: number;
  readonly taskTimeoutMs: number;
}

const workerEntry = new URL("./worker-boot.mjs", import.meta.url);

export class FuzzPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: ((worker: Worker) => void)[] = [];
  private readonly all = new Set<Worker>();
  private started = 0;

  constructor(private readonly options: PoolOptions) {}

  /** Runs one task on a free worker (starting one if fewer than `jobs` exist). */
  async run(task: FuzzTask): Promise<TaskResult> {
    const worker = await this.acquire();
    const { result, dead } = await this.runOn(worker, task);
    if (dead) {
      this.all.delete(worker);
      void worker.terminate();
      this.started--;
      this.handOver(await this.spawn());
    } else {
      this.handOver(worker);
    }
    return result;
  }

  async close(): Promise<void> {
    await Promise.all([...this.all].map((w) => w.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  private async acquire(): Promise<Worker> {
    const free = this.idle.pop();
    if (free) return free;
    if (this.started < Math.max(1, this.options.jobs)) {
      this.started++;
      return this.spawn();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private handOver(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }

  private spawn(): Promise<Worker> {
    const setup: WorkerSetup = { callTimeoutMs: this.options.callTimeoutMs };
    // Workers get the "source" condition so workspace packages resolve to their TypeScript.
    const worker = new Worker(workerEntry, { workerData: setup, execArgv: ["--conditions=source"] });
    this.all.add(worker);
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromWorker): void => {
        cleanup();
        if (message.type === "ready") resolve(worker);
        else reject(new Error(message.type === "fatal" ? message.message : "worker did not start"));
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

  private runOn(worker: Worker, task: FuzzTask): Promise<{ result: TaskResult; dead: boolean }> {
    return new Promise((resolve) => {
      const finish = (result: TaskResult, dead: boolean): void => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        resolve({ result, dead });
      };
      const onMessage = (message: FromWorker): void =>
        message.type === "result"
          ? finish(message.result, false)
          : finish({ kind: "error", message: `unexpected worker message ${message.type}` }, true);
      const onError = (error: Error): void =>
        finish({ kind: "error", message: `worker crashed: ${error.message}` }, true);
      const onExit = (code: number): void =>
        finish({ kind: "error", message: `worker exited with ${code}` }, true);
      const timer = setTimeout(() => finish({ kind: "timeout" }, true), this.options.taskTimeoutMs);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.postMessage(task);
    });
  }
}
