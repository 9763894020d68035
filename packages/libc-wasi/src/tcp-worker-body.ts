import type * as Net from "node:net";
import type * as WorkerThreads from "node:worker_threads";

/** What the guest's thread asks the TCP worker (see `TcpBridge`). Every request gets one reply. */
export type TcpRequest =
  | { readonly op: "listen"; readonly host: string; readonly port: number }
  | { readonly op: "accept"; readonly handle: number; readonly nonblocking: boolean }
  | {
      readonly op: "recv";
      readonly handle: number;
      readonly size: number;
      readonly peek: boolean;
      readonly waitAll: boolean;
      readonly nonblocking: boolean;
    }
  | { readonly op: "send"; readonly handle: number; readonly data: Uint8Array; readonly nonblocking: boolean }
  | { readonly op: "shutdown"; readonly handle: number; readonly how: number }
  | { readonly op: "close"; readonly handle: number }
  | { readonly op: "readable"; readonly handles: readonly number[] }
  | { readonly op: "wait"; readonly handles: readonly number[]; readonly timeoutMs: number | null }
  /** Drops a parked request whose caller gave up (its `onBlocked` threw). */
  | { readonly op: "cancel"; readonly target: number };

/** A reply: `error` is a host error code ("EAGAIN", "ECONNRESET", ...) when the request failed. */
export interface TcpReply {
  readonly id: number;
  readonly error?: string;
  readonly handle?: number;
  readonly port?: number;
  readonly data?: Uint8Array;
  readonly count?: number;
  readonly counts?: readonly number[];
}

/**
 * The TCP worker's whole program. It runs in a worker thread from its source text
 * (`String(tcpWorkerBody)`), so that it works the same from TypeScript sources, the built
 * package and a bundle: it must not refer to anything outside itself, and takes its modules
 * as arguments.
 *
 * The worker owns the real sockets and keeps what they receive; the guest's thread, blocked
 * in `Atomics.wait`, sends it requests on `port` and is woken by a bump of `signal[0]` after
 * each reply is posted. Requests that cannot be answered yet (a blocking accept or recv, a
 * poll) are parked and answered when the sockets change.
 */
export function tcpWorkerBody(threads: typeof WorkerThreads, net: typeof Net): void {
  const { port, signal } = threads.workerData as { port: WorkerThreads.MessagePort; signal: Int32Array };
  /** Received bytes kept per connection before the worker stops reading from it. */
  const HIGH_WATER = 1 << 20;
  /** setTimeout's limit (about 24.8 days): a longer wait ends there and the poll waits again. */
  const MAX_TIMER_MS = 2 ** 31 - 1;

  interface Listener {
    kind: "listener";
    server: Net.Server;
    pending: Connection[];
    closed: boolean;
  }
  interface Connection {
    kind: "connection";
    socket: Net.Socket;
    chunks: Uint8Array[];
    size: number;
    /** The peer shut down its side (or the connection is gone): reads end once empty. */
    ended: boolean;
    readClosed: boolean;
    error: string | null;
  }
  type Entry = Listener | Connection;
  type Request = TcpRequest & { id: number };

  const entries = new Map<number, Entry>();
  let nextHandle = 1;
  /** Requests waiting for a socket to change: retried after every change. */
  const parked = new Map<number, { retry: () => boolean; timer?: ReturnType<typeof setTimeout> }>();

  function reply(message: TcpReply): void {
    port.postMessage(message);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  }

  /** Replies and reports the request answered. */
  function answer(message: TcpReply): true {
    reply(message);
    return true;
  }

  function changed(): void {
    for (const [id, wait] of [...parked]) {
      if (wait.retry()) {
        if (wait.timer !== undefined) clearTimeout(wait.timer);
        parked.delete(id);
      }
    }
  }

  function connection(socket: Net.Socket): Connection {
    const conn: Connection = {
      kind: "connection",
      socket,
      chunks: [],
      size: 0,
      ended: false,
      readClosed: false,
      error: null,
    };
    socket.on("data", (chunk: Uint8Array) => {
      if (conn.readClosed) return;
      conn.chunks.push(chunk);
      conn.size += chunk.length;
      if (conn.size >= HIGH_WATER) socket.pause();
      changed();
    });
    socket.on("end", () => {
      conn.ended = true;
      changed();
    });
    socket.on("error", (error: Error & { code?: string }) => {
      conn.error = error.code ?? "EIO";
      changed();
    });
    socket.on("close", () => {
      conn.ended = true;
      changed();
    });
    return conn;
  }

  function take(conn: Connection, size: number, peek: boolean): Uint8Array {
    const out = new Uint8Array(Math.min(size, conn.size));
    let filled = 0;
    let used = 0;
    while (filled < out.length) {
      const chunk = conn.chunks[used]!;
      const count = Math.min(chunk.length, out.length - filled);
      out.set(chunk.subarray(0, count), filled);
      filled += count;
      if (count === chunk.length) used++;
      else if (!peek) conn.chunks[used] = chunk.subarray(count);
    }
    if (!peek) {
      conn.chunks.splice(0, used);
      conn.size -= filled;
      if (conn.size < HIGH_WATER && conn.socket.isPaused()) conn.socket.resume();
    }
    return out;
  }

  /** For poll: bytes or connections ready now, 0 for none, -1 at end of stream or on error. */
  function readiness(handle: number): number {
    const entry = entries.get(handle);
    if (entry === undefined) return -1;
    if (entry.kind === "listener") return entry.pending.length;
    if (entry.size > 0) return entry.size;
    return entry.readClosed || entry.ended || entry.error !== null ? -1 : 0;
  }

  /** Answers `request` now and returns true, or returns false to be tried again later. */
  function attempt(request: Request): boolean {
    const { id } = request;
    switch (request.op) {
      case "listen": {
        const pending: Connection[] = [];
        // allowHalfOpen: a peer's shutdown(SHUT_WR) must not close our side, as in POSIX.
        const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
          pending.push(connection(socket));
          changed();
        });
        const listener: Listener = { kind: "listener", server, pending, closed: false };
        server.once("error", (error: Error & { code?: string }) => reply({ id, error: error.code ?? "EIO" }));
        server.listen(request.port, request.host, () => {
          const handle = nextHandle++;
          entries.set(handle, listener);
          reply({ id, handle, port: (server.address() as Net.AddressInfo).port });
        });
        return true;
      }
      case "accept": {
        const entry = entries.get(request.handle);
        if (entry?.kind !== "listener") return answer({ id, error: "EBADF" });
        const conn = entry.pending.shift();
        if (conn === undefined) {
          if (!request.nonblocking) return false;
          return answer({ id, error: "EAGAIN" });
        }
        const handle = nextHandle++;
        entries.set(handle, conn);
        reply({ id, handle });
        return true;
      }
      case "recv": {
        const conn = entries.get(request.handle);
        if (conn?.kind !== "connection") return answer({ id, error: "EBADF" });
        if (conn.readClosed || request.size === 0) return answer({ id, data: new Uint8Array(0) });
        const finished = conn.ended || conn.error !== null;
        const enough = conn.size > 0 && (!request.waitAll || conn.size >= request.size);
        if (enough || (finished && conn.size > 0) || (request.nonblocking && conn.size > 0)) {
          reply({ id, data: take(conn, request.size, request.peek) });
        } else if (conn.error !== null) {
          reply({ id, error: conn.error });
        } else if (conn.ended) {
          reply({ id, data: new Uint8Array(0) });
        } else if (request.nonblocking) {
          reply({ id, error: "EAGAIN" });
        } else {
          return false;
        }
        return true;
      }
      case "send": {
        const conn = entries.get(request.handle);
        if (conn?.kind !== "connection") return answer({ id, error: "EBADF" });
        if (conn.error !== null) return answer({ id, error: conn.error });
        if (conn.socket.writableEnded || conn.socket.destroyed) return answer({ id, error: "EPIPE" });
        if (request.nonblocking && conn.socket.writableLength >= HIGH_WATER) {
          return answer({ id, error: "EAGAIN" });
        }
        const count = request.data.length;
        // Like send(2), done once the bytes are queued; when Node's queue is past its high-water
        // mark, a blocking send waits for them to reach the kernel (backpressure).
        let answered = false;
        const queued = conn.socket.write(request.data, (error?: Error | null) => {
          if (answered) return;
          reply(error ? { id, error: (error as { code?: string }).code ?? "EPIPE" } : { id, count });
        });
        if (queued || request.nonblocking) {
          answered = true;
          reply({ id, count });
        }
        return true;
      }
      case "shutdown": {
        const conn = entries.get(request.handle);
        if (conn?.kind !== "connection") return answer({ id, error: "ENOTCONN" });
        if (request.how & 1) {
          conn.readClosed = true;
          conn.chunks = [];
          conn.size = 0;
          if (conn.socket.isPaused()) conn.socket.resume();
        }
        if (request.how & 2) conn.socket.end();
        reply({ id });
        changed();
        return true;
      }
      case "close": {
        const entry = entries.get(request.handle);
        entries.delete(request.handle);
        if (entry?.kind === "listener") {
          entry.closed = true;
          entry.server.close();
          for (const conn of entry.pending) conn.socket.destroy();
        } else if (entry?.kind === "connection") {
          // end() first so that what was sent still arrives; destroy() once it has.
          if (entry.socket.writableEnded || entry.error !== null) entry.socket.destroy();
          else entry.socket.end(() => entry.socket.destroy());
        }
        reply({ id });
        changed();
        return true;
      }
      case "readable":
        reply({ id, counts: request.handles.map(readiness) });
        return true;
      case "wait": {
        if (request.handles.some((handle) => readiness(handle) !== 0)) return answer({ id });
        if (request.timeoutMs !== null && request.timeoutMs <= 0) return answer({ id });
        return false;
      }
      case "cancel": {
        const wait = parked.get(request.target);
        if (wait?.timer !== undefined) clearTimeout(wait.timer);
        parked.delete(request.target);
        return true;
      }
    }
  }

  port.on("message", (request: Request) => {
    if (attempt(request)) return;
    const wait: { retry: () => boolean; timer?: ReturnType<typeof setTimeout> } = {
      retry: () => attempt(request),
    };
    if (request.op === "wait" && request.timeoutMs !== null) {
      wait.timer = setTimeout(
        () => {
          parked.delete(request.id);
          reply({ id: request.id });
        },
        Math.min(request.timeoutMs, MAX_TIMER_MS),
      );
    }
    parked.set(request.id, wait);
  });
}
