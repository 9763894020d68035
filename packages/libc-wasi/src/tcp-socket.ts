import { Errno } from "./errno.js";
import type { Socket } from "./socket.js";
import { TcpBridge } from "./tcp-bridge.js";
import { WasiError } from "./wasi-error.js";

export interface TcpOptions {
  /**
   * Runs about every 50 ms while a socket call blocks (accept, recv, send, poll): throw from
   * it to abandon the call, the exception propagating out of the WASI function (a host's
   * timeout). Default: wait as long as it takes.
   */
  readonly onBlocked?: () => void;
}

/** One TCP socket held by the worker, by its handle there. */
abstract class TcpSocket implements Socket {
  abstract readonly listening: boolean;
  private closed = false;

  constructor(
    protected readonly bridge: TcpBridge,
    protected readonly handle: number,
    protected readonly options: TcpOptions,
  ) {}

  abstract accept(nonblocking: boolean): Socket;
  abstract recv(into: readonly Uint8Array[], peek: boolean, nonblocking?: boolean, waitAll?: boolean): number;
  abstract send(from: readonly Uint8Array[], nonblocking?: boolean): number;
  abstract shutdown(how: number): void;

  readable(): number {
    if (this.closed) return -1;
    return this.bridge.call({ op: "readable", handles: [this.handle] }).counts![0]!;
  }

  waitReadable(others: readonly Socket[], timeoutNs: bigint | null): boolean {
    const handles = [this.handle];
    for (const other of others) {
      if (!(other instanceof TcpSocket) || other.bridge !== this.bridge) return false;
      handles.push(other.handle);
    }
    const timeoutMs = timeoutNs === null ? null : Math.max(0, Number(timeoutNs) / 1e6);
    this.bridge.call({ op: "wait", handles, timeoutMs }, this.options.onBlocked);
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.bridge.call({ op: "close", handle: this.handle });
  }
}

/** A connection accepted from a `TcpListener`. */
class TcpConnection extends TcpSocket {
  readonly listening = false;

  accept(): Socket {
    throw new WasiError(Errno.EINVAL);
  }

  recv(into: readonly Uint8Array[], peek: boolean, nonblocking = false, waitAll = false): number {
    const size = into.reduce((sum, buffer) => sum + buffer.length, 0);
    const reply = this.bridge.call(
      { op: "recv", handle: this.handle, size, peek, waitAll, nonblocking },
      this.options.onBlocked,
    );
    const data = reply.data!;
    let offset = 0;
    for (const buffer of into) {
      if (offset >= data.length) break;
      const count = Math.min(buffer.length, data.length - offset);
      buffer.set(data.subarray(offset, offset + count));
      offset += count;
    }
    return data.length;
  }

  send(from: readonly Uint8Array[], nonblocking = false): number {
    const size = from.reduce((sum, buffer) => sum + buffer.length, 0);
    if (size === 0) return 0;
    const data = new Uint8Array(size);
    let offset = 0;
    for (const buffer of from) {
      data.set(buffer, offset);
      offset += buffer.length;
    }
    return this.bridge.call({ op: "send", handle: this.handle, data, nonblocking }, this.options.onBlocked)
      .count!;
  }

  shutdown(how: number): void {
    this.bridge.call({ op: "shutdown", handle: this.handle, how });
  }
}

/**
 * A listening TCP socket on the host, to preopen for a guest (wasmtime's `--tcplisten`):
 * `new WASI({ sockets: [listenTcp("127.0.0.1:8080")] })`. The guest accepts connections with
 * `sock_accept` and talks on them with `sock_recv`/`sock_send` (or `fd_read`/`fd_write`),
 * blocking as POSIX sockets do unless it sets `FDFLAGS_NONBLOCK` (then EAGAIN).
 */
export class TcpListener extends TcpSocket {
  readonly listening = true;
  /** The port listened on (the one the system chose when the address asked for port 0). */
  readonly port: number;

  /** @internal use `listenTcp`. */
  constructor(bridge: TcpBridge, handle: number, port: number, options: TcpOptions) {
    super(bridge, handle, options);
    this.port = port;
  }

  accept(nonblocking: boolean): Socket {
    const reply = this.bridge.call(
      { op: "accept", handle: this.handle, nonblocking },
      this.options.onBlocked,
    );
    return new TcpConnection(this.bridge, reply.handle!, this.options);
  }

  recv(): number {
    throw new WasiError(Errno.ENOTCONN);
  }

  send(): number {
    throw new WasiError(Errno.ENOTCONN);
  }

  shutdown(): void {
    throw new WasiError(Errno.ENOTCONN);
  }
}

/**
 * Listens on `address` ("HOST:PORT", "[IPv6]:PORT"; port 0 picks a free one) and returns the
 * listening socket to pass in `WASI` options' `sockets`. Throws `Error` for a malformed
 * address, or with the system's reason (address in use, not available) when it cannot listen.
 */
export function listenTcp(address: string, options: TcpOptions = {}): TcpListener {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(address);
  const port = match === null ? Number.NaN : Number(match[3]);
  if (match === null || port > 65535) throw new Error(`not a HOST:PORT address: ${address}`);
  const host = match[1] ?? match[2]!;
  const bridge = TcpBridge.get();
  try {
    const reply = bridge.call({ op: "listen", host, port });
    return new TcpListener(bridge, reply.handle!, reply.port!, options);
  } catch (error) {
    throw new Error(`cannot listen on ${address}: ${(error as Error).message}`);
  }
}
