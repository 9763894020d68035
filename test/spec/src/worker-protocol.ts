import type { Counts, ScriptResult } from "./results.js";

/** Messages between the pool and its workers. */
export interface WorkerSetup {
  readonly engine: string;
  readonly specDir: string;
  readonly maxFailures: number;
}

export interface ToWorker {
  readonly group: string;
  readonly script: string;
}

export type FromWorker =
  | { readonly type: "ready" }
  | { readonly type: "fatal"; readonly message: string }
  | { readonly type: "progress"; readonly done: number; readonly counts: Counts; readonly line: number }
  | { readonly type: "result"; readonly result: ScriptResult }
  | { readonly type: "error"; readonly message: string };
