import { argsEnvCalls } from "./calls-args-env.js";
import { clockRandomCalls } from "./calls-clock-random.js";
import { fdCalls } from "./calls-fd.js";
import { pathCalls } from "./calls-path.js";
import { pollCalls } from "./calls-poll.js";
import { procCalls } from "./calls-proc.js";
import { sockCalls } from "./calls-sock.js";
import type { WasiContext } from "./wasi-context.js";
import { errnoOf } from "./wasi-error.js";

/** A WASI import: i32 arguments as numbers, i64 as bigints; returns an errno. */
export type WasiFunction = (...args: never[]) => number;

/**
 * Every function of wasi_snapshot_preview1 over `ctx`, as plain JS functions that any
 * WebAssembly engine can import. Each one returns the errno of a `WasiError` (or of a host
 * system error) instead of throwing it: EFAULT for a bad pointer, never a host exception.
 * Only `WASIExitError` (proc_exit) and programming errors propagate.
 */
export function wasiImports(ctx: WasiContext): Record<string, WasiFunction> {
  const calls: Record<string, (...args: never[]) => number> = {
    ...argsEnvCalls(ctx),
    ...clockRandomCalls(ctx),
    ...fdCalls(ctx),
    ...pathCalls(ctx),
    ...pollCalls(ctx),
    ...procCalls(),
    ...sockCalls(ctx),
  };
  const imports: Record<string, WasiFunction> = {};
  for (const [name, call] of Object.entries(calls)) imports[name] = guarded(call);
  return imports;
}

function guarded(call: (...args: never[]) => number): WasiFunction {
  return (...args: never[]) => {
    try {
      return call(...args);
    } catch (error) {
      const errno = errnoOf(error);
      if (errno === undefined) throw error;
      return errno;
    }
  };
}
