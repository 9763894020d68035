import { createRequire } from "node:module";
import type * as WorkerThreads from "node:worker_threads";
import { Errno, errnoForHostCode } from "./errno.js";
import { type TcpReply, type TcpRequest, tcpWorkerBody } from "./tcp-worker-body.js";
import { WasiError } from "./wasi-error.js";

/** How long one `Atomics.wait` lasts before `onBlocked` is asked whether to go on. */
const WAIT_SLICE_MS = 50;

/**
 * Synchronous calls into the TCP worker: Node has no synchronous sockets, so a worker thread
 * owns them and the guest's thread blocks in `Atomics.wait` until the worker replies (WASI's
 * socket calls block, and the guest cannot be suspended). One worker serves every TCP socket
 * of the process, so that a poll can wait on all of them at once. node:worker_threads is
 * loaded only when a TCP socket is first made.
 */
export class TcpBridge {
  private static shared: TcpBridge | undefined;
  private readonly threads: typeof WorkerThreads;
  private readonly port: WorkerThreads.MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;

  /** The process's bridge, with its worker started on first use. */
  static get(): TcpBridge {
    TcpBridge.shared ??= new TcpBridge();
    return TcpBridge.shared;
  }

  private constructor() {
    const require = createRequire(import.meta.url);
    this.threads = require("node:worker_threads") as typeof WorkerThreads;
    const { port1, port2 } = new this.threads.MessageChannel();
    // Transpilers that keep function names (tsx, esbuild's keepNames) wrap nested functions in
    // a `__name(fn, "name")` helper the stringified body then calls: the worker defines it.
    const source = `var __name = (fn) => fn;\n(${String(tcpWorkerBody)})(require("node:worker_threads"), require("node:net"));`;
    const worker = new this.threads.Worker(source, {
      eval: true,
      workerData: { port: port2, signal: this.signal },
      transferList: [port2],
    });
    // The worker must not keep the process alive once the guest is done.
    worker.unref();
    port1.unref();
    this.port = port1;
  }

  /**
   * Sends `request` and blocks until its reply. `onBlocked` runs between waits of about 50 ms
   * while there is none: an exception from it abandons the request and propagates (how a host
   * stops a guest that waits forever). A failure reply is thrown as its `WasiError`.
   */
  call(request: TcpRequest, onBlocked?: () => void): TcpReply {
    const id = this.nextId++;
    this.port.postMessage({ ...request, id });
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      const reply = this.receive(id);
      if (reply !== null) {
        if (reply.error !== undefined) {
          throw new WasiError(errnoForHostCode(reply.error) ?? Errno.EIO, `(${reply.error})`);
        }
        return reply;
      }
      if (Atomics.wait(this.signal, 0, seen, WAIT_SLICE_MS) === "timed-out" && onBlocked) {
        try {
          onBlocked();
        } catch (error) {
          this.port.postMessage({ op: "cancel", target: id, id: this.nextId++ });
          throw error;
        }
      }
    }
  }

  /** The reply to `id` if it has come; replies to abandoned requests are dropped. */
  private receive(id: number): TcpReply | null {
    for (;;) {
      const received = this.threads.receiveMessageOnPort(this.port);
      if (received === undefined) return null;
      const reply = received.message as TcpReply;
      if (reply.id === id) return reply;
    }
  }
}
