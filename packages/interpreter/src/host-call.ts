import type { ExecStack } from "./exec-stack.js";
import type { FunctionInstance } from "./function-instance.js";
import { readValue, writeValue } from "./value-cells.js";
import type { Value } from "./values.js";

/** Calls a host function with the arguments at cell `fp`; writes its results there. */
export function callHostFunction(stack: ExecStack, fn: FunctionInstance, fp: number): void {
  if (fn.raw !== null) {
    fn.raw(stack, fp);
    return;
  }
  const { params, results } = fn.type;
  const args: Value[] = new Array(params.length);
  for (let i = 0; i < params.length; i++) args[i] = readValue(stack, fp + i * 4, params[i]!);
  const out = fn.host!(args);
  if (out.length !== results.length) {
    throw new TypeError(`host function returned ${out.length} values, its type declares ${results.length}`);
  }
  for (let i = 0; i < results.length; i++) writeValue(stack, fp + i * 4, results[i]!, out[i]!);
}
