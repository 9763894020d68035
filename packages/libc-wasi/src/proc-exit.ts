/**
 * Thrown by `proc_exit` (and by `proc_raise` for a terminating signal) to unwind the guest.
 * Runners catch it: `WASI.start` returns `code` when `returnOnExit` is set, as node:wasi does.
 */
export class WASIExitError extends Error {
  override name = "WASIExitError";
  constructor(readonly code: number) {
    super(`WASI program exited with code ${code}`);
  }
}
