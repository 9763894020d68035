import { Errno } from "./errno.js";
import { WasiError } from "./wasi-error.js";
import { Clockid } from "./wasi-types.js";

/** The clocks a guest reads, in nanoseconds. Replaceable for deterministic runs. */
export interface Clocks {
  /** The time on clock `id` (a `Clockid`); EINVAL for an unknown one. */
  now(id: number): bigint;
  /** The clock's resolution in nanoseconds. */
  resolution(id: number): bigint;
}

const hrtime = typeof process === "object" ? process.hrtime?.bigint : undefined;
const cpuUsage = typeof process === "object" ? process.cpuUsage : undefined;

/** The host's clocks: wall time, a monotonic clock, and the process's CPU time. */
export const hostClocks: Clocks = {
  now(id) {
    switch (id) {
      case Clockid.realtime:
        return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;
      case Clockid.monotonic:
        return hrtime ? hrtime() : BigInt(Math.round(performance.now() * 1e6));
      case Clockid.processCputime:
      case Clockid.threadCputime: {
        if (!cpuUsage) return BigInt(Math.round(performance.now() * 1e6));
        const usage = cpuUsage();
        return BigInt(usage.user + usage.system) * 1000n;
      }
      default:
        throw new WasiError(Errno.EINVAL);
    }
  },
  resolution(id) {
    switch (id) {
      case Clockid.realtime:
        return 1000n;
      case Clockid.monotonic:
        return hrtime ? 1n : 1000n;
      case Clockid.processCputime:
      case Clockid.threadCputime:
        return 1000n;
      default:
        throw new WasiError(Errno.EINVAL);
    }
  },
};

const sleeper = typeof SharedArrayBuffer === "function" ? new Int32Array(new SharedArrayBuffer(4)) : null;

/** Blocks the thread for `ns` nanoseconds (the guest asked to wait: there is nothing else to run). */
export function sleepNs(ns: bigint): void {
  if (ns <= 0n) return;
  const ms = Number(ns) / 1e6;
  if (sleeper !== null) {
    try {
      Atomics.wait(sleeper, 0, 0, ms);
      return;
    } catch {
      // Atomics.wait is not allowed here (a browser's main thread): spin instead.
    }
  }
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}
