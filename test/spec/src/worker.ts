import { parentPort, workerData } from "node:worker_threads";
import { type Engine, type EngineName, loadEngine } from "./engine.js";
import { runScript } from "./script-runner.js";
import type { FromWorker, ToWorker, WorkerSetup } from "./worker-protocol.js";

/** Runs scripts one at a time for the pool; see `pool.ts`. */
const port = parentPort!;
const setup = workerData as WorkerSetup;
const post = (message: FromWorker): void => port.postMessage(message);

try {
  // One engine per group: each group runs with its own features (group-features.ts).
  const engines = new Map<string, Engine>([["w2", await loadEngine(setup.engine as EngineName)]]);
  port.on("message", async (task: ToWorker) => {
    try {
      let engine = engines.get(task.group);
      if (engine === undefined) {
        engine = await loadEngine(setup.engine as EngineName, task.group);
        engines.set(task.group, engine);
      }
      const result = runScript(engine, setup.specDir, task.group, task.script, {
        maxFailures: setup.maxFailures,
        onProgress: (done, counts, line) => post({ type: "progress", done, counts: { ...counts }, line }),
      });
      post({ type: "result", result });
    } catch (e) {
      post({ type: "error", message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
  post({ type: "ready" });
} catch (e) {
  post({
    type: "fatal",
    message: `cannot load engine ${setup.engine}: ${e instanceof Error ? e.message : String(e)}`,
  });
}
