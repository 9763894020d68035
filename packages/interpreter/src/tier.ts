import { RuntimeError } from "@microwasm/core";
import type { CompiledFunction } from "./compiled-function.js";
import type { ExecStack } from "./exec-stack.js";
import { execute } from "./execute.js";
import { openFrame } from "./frame.js";
import { FunctionInstance, type RawHostFunction } from "./function-instance.js";
import { callHostFunction } from "./host-call.js";
import type { InstanceContext } from "./instance-context.js";

/*
 * What another execution tier (`@microwasm/aot`) needs to run over this store: its functions
 * are store functions on the raw convention (so the interpreter, the JS API and the runtime call
 * them like any other) with a direct entry for calls between compiled functions, and it calls
 * every other function through an ExecStack's cells. Its code follows the stack's fuel protocol
 * (spend `fuel`, call `refuel()` when it reaches 0), so limits hold in both tiers.
 */

/** Makes the store function of one defined function, bound to its instance (see `CompiledModule`). */
export type FunctionFactory = (compiled: CompiledFunction, context: InstanceContext) => FunctionInstance;

/**
 * A store function that another tier runs: `raw` is its entry from the host (`invoke`), `entry`
 * its direct entry (`FunctionInstance.tierEntry`), `unmeteredEntry` the same without fuel checks
 * (`FunctionInstance.unmeteredEntry`, for stacks that are not `metered`). Interpreted code calling it runs `compiled`
 * in its own loop, without JS recursion: that is also where the other tier sends calls nested
 * deeper than the JS stack allows.
 */
export function createTierFunction(
  compiled: CompiledFunction,
  context: InstanceContext,
  raw: RawHostFunction,
  entry: (...args: never[]) => unknown,
  unmeteredEntry: (...args: never[]) => unknown,
): FunctionInstance {
  const unusable = () => {
    throw new TypeError("compiled functions are called through their cells");
  };
  const fn = new FunctionInstance(compiled.type, compiled.name, unusable, compiled, context, raw);
  fn.tierEntry = entry;
  fn.unmeteredEntry = unmeteredEntry;
  return fn;
}

/** The function the interpreter makes for `compiled` (a tier's fallback for code it does not compile). */
export function createInterpretedFunction(
  compiled: CompiledFunction,
  context: InstanceContext,
): FunctionInstance {
  return new FunctionInstance(compiled.type, compiled.name, null, compiled, context);
}

/**
 * Makes room for a call's `slots` argument/result slots at the stack's free cells and returns
 * the first cell, where the caller writes the arguments. Traps "call stack exhausted" when
 * they do not fit. The views (`stack.i32`...) may be replaced: read them after this.
 */
export function reserveCallSlots(stack: ExecStack, slots: number): number {
  const base = stack.top;
  const end = base + slots * 4;
  if (end > stack.limit) throw new RuntimeError("callStackExhausted");
  stack.reserve(end);
  return base;
}

/**
 * Calls `fn` with its arguments in the cells from `base` (see `reserveCallSlots`), `depth` calls
 * deep (the call-depth limit spans tiers); its results are left there. Traps as the callee does.
 */
export function callOnStack(
  stack: ExecStack,
  fn: FunctionInstance,
  base: number,
  slots: number,
  depth: number,
): void {
  const top = stack.top;
  const savedDepth = stack.depth;
  if (depth >= stack.maxDepth) throw new RuntimeError("callStackExhausted");
  stack.depth = depth;
  try {
    const compiled = fn.compiled;
    if (compiled !== null) {
      openFrame(stack, compiled, base, depth);
      stack.top = base + compiled.frameSlots * 4;
      execute(stack, fn, base);
    } else {
      stack.top = base + slots * 4;
      callHostFunction(stack, fn, base);
    }
  } finally {
    stack.top = top;
    stack.depth = savedDepth;
  }
}

/** How many calls deep the code running on `stack` is (what `callOnStack` takes as `depth`). */
export function callDepth(stack: ExecStack): number {
  return stack.depth;
}

/** The deepest call nesting `stack` allows (`ExecStackOptions.maxDepth`). */
export function maxCallDepth(stack: ExecStack): number {
  return stack.maxDepth;
}

/**
 * Whether code on `stack` must spend fuel: an instruction limit or a timeout is set. Code of
 * another tier that does not spend it calls `checkTerminate` wherever control comes back from
 * the host.
 */
export function isMetered(stack: ExecStack): boolean {
  return stack.metered;
}

/** Traps "terminated" when a host function asked to stop the code on `stack` (its fuel is 0). */
export function checkTerminate(stack: ExecStack): void {
  if (stack.fuel <= 0) stack.refuel();
}

/** Cells each suspended frame is charged besides its own (`ExecStackOptions.frameOverheadSlots`). */
export function frameOverheadCells(stack: ExecStack): number {
  return stack.frameOverhead;
}
