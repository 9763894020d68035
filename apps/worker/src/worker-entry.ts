/**
 * The entry of `microwasm-worker.js`, a Web Worker running WASI commands for a page (messages:
 * `worker-protocol.ts`). A running guest holds its thread, so no message reaches the thread
 * running it: the worker runs each guest in a nested worker of its own (the same script, named
 * "microwasm-guest") and relays its messages; `terminate` ends that nested worker. Where a worker
 * cannot start workers, the guest runs on this thread and `terminate` can only stop the next run.
 */
import { runWasi } from "./run-wasi.js";
import type { FromWorker, ToWorker } from "./worker-protocol.js";

interface WorkerScope {
  readonly name?: string;
  readonly location: { readonly href: string };
  onmessage: ((event: { data: ToWorker | FromWorker }) => void) | null;
  postMessage(message: unknown): void;
}

interface NestedWorker {
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

type WorkerConstructor = new (url: string, options: { name: string }) => NestedWorker;

const scope = globalThis as unknown as WorkerScope;
const send = (message: FromWorker) => scope.postMessage(message);
const guestName = "microwasm-guest";

/** Runs one command on this thread, posting its output as it comes and then its end. */
function runHere(message: Extract<ToWorker, { type: "run" }>): void {
  try {
    const { exitCode } = runWasi(message.wasm, {
      args: message.args,
      env: message.env,
      files: message.files,
      stdin: message.stdin,
      stdout: (data) => send({ type: "stdout", data }),
      stderr: (data) => send({ type: "stderr", data }),
    });
    send({ type: "exit", code: exitCode });
  } catch (error) {
    send({
      type: "error",
      message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  }
}

/** The page's side of the protocol: one nested worker per run, ended by terminate. */
function serve(Worker: WorkerConstructor | undefined): void {
  let running: NestedWorker | null = null;
  const finish = (message: FromWorker) => {
    running?.terminate();
    running = null;
    send(message);
  };
  scope.onmessage = ({ data }) => {
    if (data.type === "terminate") {
      if (running !== null) finish({ type: "error", message: "terminated" });
      return;
    }
    if (data.type !== "run") return;
    if (running !== null) {
      send({ type: "error", message: "a command is already running" });
      return;
    }
    if (Worker === undefined) {
      runHere(data);
      return;
    }
    const guest = new Worker(scope.location.href, { name: guestName });
    running = guest;
    guest.onmessage = (event) => {
      if (running !== guest) return;
      if (event.data.type === "exit" || event.data.type === "error") finish(event.data);
      else send(event.data);
    };
    guest.onerror = (event) => {
      event.preventDefault?.();
      if (running === guest) finish({ type: "error", message: event.message ?? "the worker failed" });
    };
    guest.postMessage(data);
  };
}

if (scope.name === guestName) {
  scope.onmessage = ({ data }) => {
    if (data.type === "run") runHere(data);
  };
} else {
  serve((globalThis as { Worker?: WorkerConstructor }).Worker);
}
