import { RuntimeError } from "@microwasm/core";
import { defaultExecStack, type ExecStack } from "./exec-stack.js";
import { execute } from "./execute.js";
import { openFrame } from "./frame.js";
import type { FunctionInstance } from "./function-instance.js";
import { readValue, writeValue } from "./value-cells.js";
import type { Value } from "./values.js";

/**
 * Calls `fn` with boundary values and returns its results. Throws `RuntimeError` on a trap
 * (with `wasmStack`); exceptions from host functions propagate unchanged. Re-entrant: a host
 * function may invoke wasm again; the nested frame goes above the caller's.
 */
export function invoke(
  fn: FunctionInstance,
  args: readonly Value[],
  stack: ExecStack = defaultExecStack(),
): Value[] {
  const { params, results } = fn.type;
  const fp = stack.top;
  if (fn.raw !== null) return invokeRaw(fn, args, stack, fp);
  if (fn.host !== null) return [...fn.host([...args])];
  openFrame(stack, fn.compiled!, fp, stack.depth);
  for (let i = 0; i < params.length; i++) writeValue(stack, fp + i * 4, params[i]!, args[i]!);
  try {
    execute(stack, fn, fp);
  } finally {
    stack.top = fp;
  }
  const out: Value[] = new Array(results.length);
  for (let i = 0; i < results.length; i++) out[i] = readValue(stack, fp + i * 4, results[i]!);
  return out;
}

/** Calls a raw host function directly: its arguments go to the stack's free cells. */
function invokeRaw(fn: FunctionInstance, args: readonly Value[], stack: ExecStack, fp: number): Value[] {
  const { params, results } = fn.type;
  const end = fp + Math.max(params.length, results.length) * 4;
  if (end > stack.limit) throw new RuntimeError("callStackExhausted");
  stack.reserve(end);
  for (let i = 0; i < params.length; i++) writeValue(stack, fp + i * 4, params[i]!, args[i]!);
  stack.top = fp + Math.max(params.length, results.length) * 4;
  try {
    fn.raw!(stack, fp);
  } finally {
    stack.top = fp;
  }
  const out: Value[] = new Array(results.length);
  for (let i = 0; i < results.length; i++) out[i] = readValue(stack, fp + i * 4, results[i]!);
  return out;
}
