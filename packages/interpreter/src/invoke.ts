import type { FunctionInstance } from "./function-instance.js";
import type { Value } from "./values.js";

/** Calls `fn` with boundary values; returns its results. Throws `RuntimeError` on a trap. */
export function invoke(fn: FunctionInstance, args: readonly Value[]): Value[] {
  void fn;
  void args;
  throw new Error("not implemented yet");
}
