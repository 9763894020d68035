/**
 * A socket handed to the guest as a preopened descriptor (WASI preview1 cannot create
 * sockets, only use the ones its host gives it). Failures are thrown as `WasiError`.
 */
export interface Socket {
  /** A connection from a listening socket; EAGAIN when none is pending and `nonblocking`. */
  accept(nonblocking: boolean): Socket;
  /**
   * Reads into the buffers in order; `peek` leaves the data queued. 0 bytes at end of stream.
   * Blocks until some data is there (all of it with `waitAll`), unless `nonblocking`: then
   * EAGAIN. A socket that cannot block (an in-memory one) is always non-blocking.
   */
  recv(into: readonly Uint8Array[], peek: boolean, nonblocking?: boolean, waitAll?: boolean): number;
  /** Writes the buffers in order; returns the byte count. `nonblocking`: EAGAIN rather than wait. */
  send(from: readonly Uint8Array[], nonblocking?: boolean): number;
  /** `how`: `Sdflags.rd`, `Sdflags.wr` or both. */
  shutdown(how: number): void;
  /** For poll_oneoff: bytes readable now (0 when none), or -1 at end of stream (hang-up). */
  readable(): number;
  /**
   * Optional, for poll_oneoff: blocks until this socket or one of `others` is readable (or at
   * end of stream), or `timeoutNs` has passed (null: no limit). Returns false, at once, when it
   * cannot wait on `others` (sockets of another kind); poll_oneoff then only sleeps on its clocks.
   */
  waitReadable?(others: readonly Socket[], timeoutNs: bigint | null): boolean;
  /** Whether a listening socket (readiness means a pending connection). */
  readonly listening: boolean;
  close(): void;
}
