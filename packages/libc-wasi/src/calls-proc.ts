import { Errno } from "./errno.js";
import { WASIExitError } from "./proc-exit.js";
import { Signal } from "./wasi-types.js";

/** Signals whose default action is to be ignored. */
const IGNORED_SIGNALS = new Set<number>([Signal.none, Signal.chld, Signal.cont, Signal.urg, Signal.winch]);

/** proc_exit, proc_raise, sched_yield. */
export function procCalls() {
  return {
    proc_exit(code: number): never {
      throw new WASIExitError(code >>> 0);
    },
    /**
     * A sandbox delivers no signal to the host process: a signal whose default action is to
     * terminate (or stop) ends the guest with exit status 128 + signal, as a shell reports it;
     * ignored signals do nothing.
     */
    proc_raise(signal: number): number {
      if (signal >>> 0 > Signal.sys) return Errno.EINVAL;
      if (IGNORED_SIGNALS.has(signal)) return Errno.SUCCESS;
      throw new WASIExitError(128 + signal);
    },
    sched_yield(): number {
      return Errno.SUCCESS;
    },
  };
}
