import { Errno } from "./errno.js";
import type { Socket } from "./socket.js";
import { WasiError } from "./wasi-error.js";
import { Sdflags } from "./wasi-types.js";

/** Bytes travelling one way between the two ends of a connection. */
class ByteQueue {
  private chunks: Uint8Array[] = [];
  size = 0;
  /** The writer shut down (or closed): once empty, reads see end of stream. */
  ended = false;

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes.slice());
    this.size += bytes.length;
  }

  /** Copies into `into` in order; removes what it copied unless `peek`. */
  take(into: readonly Uint8Array[], peek: boolean): number {
    let copied = 0;
    let chunk = 0;
    let offset = 0;
    for (const target of into) {
      let filled = 0;
      while (filled < target.length && chunk < this.chunks.length) {
        const source = this.chunks[chunk]!;
        const count = Math.min(target.length - filled, source.length - offset);
        target.set(source.subarray(offset, offset + count), filled);
        filled += count;
        offset += count;
        if (offset === source.length) {
          chunk++;
          offset = 0;
        }
      }
      copied += filled;
      if (filled < target.length) break;
    }
    if (!peek) {
      this.chunks = this.chunks.slice(chunk);
      if (offset > 0) this.chunks[0] = this.chunks[0]!.subarray(offset);
      this.size -= copied;
    }
    return copied;
  }
}

/**
 * One end of an in-process stream connection (both ends live in this thread: a worker and
 * its guest, or a test). Everything is synchronous, so a `recv` that finds no data cannot
 * wait for the other end: it is EAGAIN, end of stream (0 bytes) once the other end shut down.
 */
export class MemorySocket implements Socket {
  readonly listening = false;
  private readClosed = false;

  /** @internal use `MemorySocketListener.connect()`. */
  constructor(
    private readonly incoming: ByteQueue,
    private readonly outgoing: ByteQueue,
  ) {}

  /** A connected pair: what one end sends, the other receives. */
  static pair(): [MemorySocket, MemorySocket] {
    const ab = new ByteQueue();
    const ba = new ByteQueue();
    return [new MemorySocket(ba, ab), new MemorySocket(ab, ba)];
  }

  accept(): Socket {
    throw new WasiError(Errno.EINVAL);
  }

  recv(into: readonly Uint8Array[], peek: boolean): number {
    if (this.readClosed) return 0;
    const total = into.reduce((sum, b) => sum + b.length, 0);
    if (total === 0) return 0;
    if (this.incoming.size === 0) {
      if (this.incoming.ended) return 0;
      throw new WasiError(Errno.EAGAIN);
    }
    return this.incoming.take(into, peek);
  }

  send(from: readonly Uint8Array[]): number {
    if (this.outgoing.ended) throw new WasiError(Errno.EPIPE);
    let count = 0;
    for (const bytes of from) {
      this.outgoing.push(bytes);
      count += bytes.length;
    }
    return count;
  }

  shutdown(how: number): void {
    if (how & Sdflags.rd) this.readClosed = true;
    if (how & Sdflags.wr) this.outgoing.ended = true;
  }

  readable(): number {
    if (this.readClosed) return -1;
    if (this.incoming.size > 0) return this.incoming.size;
    return this.incoming.ended ? -1 : 0;
  }

  close(): void {
    this.readClosed = true;
    this.outgoing.ended = true;
  }

  /** Host side: sends text or bytes to the other end. */
  write(data: string | Uint8Array): void {
    this.send([typeof data === "string" ? new TextEncoder().encode(data) : data]);
  }

  /** Host side: everything received so far, as text. */
  readText(): string {
    const buffer = new Uint8Array(this.incoming.size);
    this.incoming.take([buffer], false);
    return new TextDecoder().decode(buffer);
  }
}

/**
 * A listening socket to preopen for a guest (`WASI({ sockets: [listener] })`): the host calls
 * `connect()` to get its end of a new connection, whose other end the guest then accepts.
 */
export class MemorySocketListener implements Socket {
  readonly listening = true;
  private readonly pending: MemorySocket[] = [];
  private closed = false;

  /** Queues a connection for the guest to accept; returns the host's end. */
  connect(): MemorySocket {
    if (this.closed) throw new WasiError(Errno.ECONNREFUSED);
    const [host, guest] = MemorySocket.pair();
    this.pending.push(guest);
    return host;
  }

  accept(): Socket {
    const next = this.pending.shift();
    if (next === undefined) throw new WasiError(Errno.EAGAIN);
    return next;
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

  readable(): number {
    return this.pending.length;
  }

  close(): void {
    this.closed = true;
  }
}
