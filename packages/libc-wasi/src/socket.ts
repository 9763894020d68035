/**
 * A socket handed to the guest as a preopened descriptor (WASI preview1 cannot create
 * sockets, only use the ones its host gives it). Failures are thrown as `WasiError`.
 */
export interface Socket {
  /** A connection from a listening socket; EAGAIN when none is pending and `nonblocking`. */
  accept(nonblocking: boolean): Socket;
  /** Reads into the buffers in order; `peek` leaves the data queued. 0 bytes at end of stream. */
  recv(into: readonly Uint8Array[], peek: boolean): number;
  /** Writes the buffers in order; returns the byte count. */
  send(from: readonly Uint8Array[]): number;
  /** `how`: `Sdflags.rd`, `Sdflags.wr` or both. */
  shutdown(how: number): void;
  /** For poll_oneoff: bytes readable now (0 when none), or -1 at end of stream (hang-up). */
  readable(): number;
  /** Whether a listening socket (readiness means a pending connection). */
  readonly listening: boolean;
  close(): void;
}
