import { CatchKind } from "@microwasm/core";
import type { ExceptionInstance } from "./exception-instance.js";
import type { ExecStack } from "./exec-stack.js";
import type { FunctionInstance } from "./function-instance.js";

/**
 * Catching a wasm exception. A compiled body's handler records (compile-exceptions.ts) are
 * `HANDLER_WORDS` words each, innermost first:
 * [start, end, kind, tag, dst, target, exnSlot, level]
 * - [start, end): the internal pcs the record covers (the body of a try_table or try);
 * - kind: a `CatchKind` (legacy `catch` and `catch_all` are `catch` and `catchAll`), or
 *   `HandlerKind.delegate`;
 * - tag: the tag index for the `catch` kinds (-1 for the others);
 * - dst: the cell where the payload goes, then the exnref for the `_ref` kinds;
 * - target: the pc to go on at; for `delegate`, the level of the block it delegates to;
 * - exnSlot: the cell where a legacy clause keeps the exception for `rethrow`, or -1;
 * - level: the control depth of the record's block. After a `delegate` to level L, only
 *   records of blocks at level L or less (around label L) may catch in that frame.
 */
export const HANDLER_WORDS = 8;
export const HandlerKind = { ...CatchKind, delegate: 4 } as const;

/**
 * Looks for a handler of `exn` in the frames from the running one (`current` at `pc`, its frame
 * at `fp`, `depth` frames suspended) down to `baseDepth`. When one is found, the payload is
 * delivered, the frames above are popped, the stack's resume point is set to the handler, and
 * true is returned; otherwise nothing changes (the exception leaves this run).
 */
export function catchException(
  stack: ExecStack,
  exn: ExceptionInstance,
  current: FunctionInstance,
  pc: number,
  fp: number,
  depth: number,
  baseDepth: number,
): boolean {
  let fn = current;
  let at = pc;
  let frameFp = fp;
  for (let d = depth; d >= baseDepth; d--) {
    if (d < depth) {
      fn = stack.frameFn[d]!;
      at = stack.framePc[d]! - 1; // inside the call instruction
      frameFp = stack.frameFp[d]!;
    }
    const handlers = fn.compiled!.handlers;
    const h = handlers === null ? -1 : findHandler(handlers, fn, exn, at);
    if (h < 0) continue;
    deliver(stack, exn, handlers!, h, frameFp);
    for (let k = d; k < depth; k++) stack.frameFn[k] = null;
    stack.resumeFn = fn;
    stack.resumePc = handlers![h + 5]!;
    stack.resumeFp = frameFp;
    stack.resumeDepth = d;
    return true;
  }
  return false;
}

function findHandler(handlers: Int32Array, fn: FunctionInstance, exn: ExceptionInstance, pc: number): number {
  const tags = fn.context!.tags;
  let maxLevel = 0x7fffffff;
  for (let h = 0; h < handlers.length; h += HANDLER_WORDS) {
    if (pc < handlers[h]! || pc >= handlers[h + 1]! || handlers[h + 7]! > maxLevel) continue;
    const kind = handlers[h + 2]!;
    if (kind === HandlerKind.delegate) {
      maxLevel = handlers[h + 5]!;
      continue;
    }
    if ((kind === CatchKind.catch || kind === CatchKind.catchRef) && tags[handlers[h + 3]!] !== exn.tag) {
      continue;
    }
    return h;
  }
  return -1;
}

function deliver(
  stack: ExecStack,
  exn: ExceptionInstance,
  handlers: Int32Array,
  h: number,
  fp: number,
): void {
  const kind = handlers[h + 2]!;
  let cell = fp + handlers[h + 4]!;
  if (kind === CatchKind.catch || kind === CatchKind.catchRef) {
    const count = exn.tag.type.params.length;
    stack.i32.set(exn.payload.i32.subarray(0, count * 4), cell);
    for (let i = 0; i < count; i++) stack.refs[(cell >> 2) + i] = exn.payload.refs[i]!;
    cell += count * 4;
  }
  if (kind === CatchKind.catchRef || kind === CatchKind.catchAllRef) stack.refs[cell >> 2] = exn;
  const exnSlot = handlers[h + 6]!;
  if (exnSlot >= 0) stack.refs[(fp + exnSlot) >> 2] = exn;
}
