import { RuntimeError } from "@microwasm/core";
import type { CompiledFunction } from "./compiled-function.js";
import type { ExecStack } from "./exec-stack.js";

/**
 * Opens the frame of a call to `compiled` at cell `fp` of `stack`, above `depth` suspended
 * frames: traps with "call stack exhausted" when the frame, with each suspended frame's
 * overhead, or the call depth does not fit; grows the stack's views and frame records when
 * they are not yet that large (the loop reloads its views then); zeroes the declared locals
 * (the arguments are the caller's). The one frame entry, for calls from the host (`invoke`)
 * and from wasm (the loop in execute.ts).
 */
export function openFrame(stack: ExecStack, compiled: CompiledFunction, fp: number, depth: number): void {
  const end = fp + compiled.frameSlots * 4;
  if (depth >= stack.maxDepth || end + depth * stack.frameOverhead > stack.limit) {
    throw new RuntimeError("callStackExhausted");
  }
  if (end > stack.capacity) stack.reserve(end);
  if (depth >= stack.framePc.length) stack.reserveFrames(depth + 1);
  if (compiled.localCount !== compiled.paramCount) zeroLocals(stack, compiled, fp);
}

function zeroLocals(stack: ExecStack, compiled: CompiledFunction, fp: number): void {
  const { i32, refs } = stack;
  const isRef = compiled.localIsRef;
  for (let i = compiled.paramCount; i < compiled.localCount; i++) {
    const c = fp + i * 4;
    i32[c] = 0;
    i32[c + 1] = 0;
    i32[c + 2] = 0;
    i32[c + 3] = 0;
    if (isRef[i] === 1) refs[c >> 2] = null;
  }
}
