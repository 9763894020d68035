import { parentPort, workerData } from "node:worker_threads";
import { runTask } from "./run-task.js";
import type { FromWorker, FuzzTask, WorkerSetup } from "./worker-protocol.js";

/** Runs tasks one at a time for the pool; see pool.ts. */
const port = parentPort!;
const setup = workerData as WorkerSetup;
const post = (message: FromWorker): void => port.postMessage(message);

port.on("message", (task: FuzzTask) => {
  try {
    post({ type: "result", result: runTask(task, setup) });
  } catch (e) {
    post({
      type: "result",
      result: { kind: "error", message: e instanceof Error ? (e.stack ?? e.message) : String(e) },
    });
  }
});
post({ type: "ready" });
