import { CatchKind, ValType } from "@microwasm/core";
import { FrameKind } from "./control-stack.js";
import { fail, failUnknown } from "./invalid.js";
import type { FunctionValidator } from "./validate-function.js";

/**
 * Typing of the 3.0 exception-handling instructions (the final `try_table`/`throw_ref` form and
 * the legacy `try`/`catch`/`catch_all`/`rethrow`/`delegate` form) and of the tail calls, as the
 * spec's validation algorithm and the legacy proposal's rules say. Returns false for any other
 * opcode. A `try` opens a frame of kind `try`; `catch`/`catch_all` turn it into a clause frame
 * (what `rethrow` must name); `delegate` closes it as `end` does.
 */
export function validateExceptionOrTailCall(
  v: FunctionValidator,
  op: number,
  pc: number,
  ops: Int32Array,
  n: number,
): boolean {
  const vals = v.vals;
  const ctrls = v.ctrls;
  const pool = v.ctx.pool;
  switch (op) {
    case 0x06: // try
      v.readBlockType(ops[pc + 1]!);
      v.enterBlock(FrameKind.try, n);
      v.tryCount++;
      return true;
    case 0x07: // catch x
    case 0x19: {
      // catch_all
      const top = ctrls.depth - 1;
      const kind = ctrls.kind[top];
      if (kind !== FrameKind.try && kind !== FrameKind.catch) {
        fail(op === 0x07 ? "catch found outside of a try block" : "catch_all found outside of a try block");
      }
      v.checkFrameResults();
      ctrls.kind[top] = op === 0x07 ? FrameKind.catch : FrameKind.catchAll;
      ctrls.unreachable[top] = 0;
      vals.polymorphic = false;
      if (op === 0x07) {
        const type = tagType(v, ops[pc + 1]!);
        vals.pushTypes(pool.types, pool.paramStart[type]!, pool.paramCount[type]!);
      }
      return true;
    }
    case 0x18: {
      // delegate l: ends the try; l counts from the frame around it
      const top = ctrls.depth - 1;
      if (ctrls.kind[top] !== FrameKind.try) fail("delegate found outside of a try block");
      v.checkFrameResults();
      if (ops[pc + 1]! >>> 0 >= top) failUnknown("label", ops[pc + 1]!);
      if (v.recording !== null) v.recording.matchingEnd[ctrls.opener[top]!] = n;
      ctrls.depth = top;
      vals.floor = ctrls.height[top - 1]!;
      vals.polymorphic = ctrls.unreachable[top - 1] === 1;
      vals.pushTypes(pool.types, ctrls.resultStart[top]!, ctrls.resultCount[top]!);
      return true;
    }
    case 0x08: {
      // throw x
      const type = tagType(v, ops[pc + 1]!);
      vals.popTypes(pool.types, pool.paramStart[type]!, pool.paramCount[type]!);
      v.setUnreachable();
      return true;
    }
    case 0x09: {
      // rethrow l: l must be a catch clause
      const frame = v.labelFrame(ops[pc + 1]!);
      const kind = ctrls.kind[frame];
      if (kind !== FrameKind.catch && kind !== FrameKind.catchAll) fail("invalid rethrow label");
      v.setUnreachable();
      return true;
    }
    case 0x0a: // throw_ref
      vals.popExpect(ValType.exnref);
      v.setUnreachable();
      return true;
    case 0x1f: {
      // try_table bt (kind, tag, label)*: the labels are those around the try_table
      v.readBlockType(ops[pc + 1]!);
      const clauses = ops[pc + 2]!;
      for (let i = 0; i < clauses; i++) {
        const at = pc + 3 + 3 * i;
        checkCatchClause(v, ops[at]!, ops[at + 1]!, v.labelFrame(ops[at + 2]!));
      }
      v.enterBlock(FrameKind.block, n);
      return true;
    }
    case 0x12: {
      // return_call f
      const func = ops[pc + 1]! >>> 0;
      if (func >= v.ctx.funcCount) failUnknown("function", func);
      returnCall(v, v.ctx.funcTypeIndex[func]!);
      return true;
    }
    case 0x13: {
      // return_call_indirect [typeIndex, tableIndex]
      const tableType = v.tableType(ops[pc + 2]!);
      const typeIndex = ops[pc + 1]! >>> 0;
      if (typeIndex >= pool.typeCount) failUnknown("type", typeIndex);
      if (tableType !== ValType.funcref) fail("type mismatch", "call_indirect requires a table of funcref");
      vals.popExpect(ValType.i32);
      returnCall(v, typeIndex);
      return true;
    }
    default:
      return false;
  }
}

/** The type index of tag `index`; "unknown tag" when there is none. */
function tagType(v: FunctionValidator, index: number): number {
  if (index >>> 0 >= v.ctx.tagCount) failUnknown("tag", index);
  return v.ctx.tagTypeIndex[index]!;
}

/** A catch clause must deliver exactly what its label takes: the payload, then an exnref for the _ref kinds. */
function checkCatchClause(v: FunctionValidator, kind: number, tag: number, frame: number): void {
  const pool = v.ctx.pool;
  const types: number[] = [];
  if (kind === CatchKind.catch || kind === CatchKind.catchRef) {
    const type = tagType(v, tag);
    const start = pool.paramStart[type]!;
    for (let i = 0; i < pool.paramCount[type]!; i++) types.push(pool.types[start + i]!);
  }
  if (kind === CatchKind.catchRef || kind === CatchKind.catchAllRef) types.push(ValType.exnref);
  const start = v.ctrls.labelStart(frame);
  const count = v.ctrls.labelCount(frame);
  let same = count === types.length;
  for (let i = 0; same && i < count; i++) same = pool.types[start + i] === types[i];
  if (!same) fail("type mismatch", "catch clause does not match its label's types");
}

/** A tail call: the callee's results must be the caller's; then the code after it is unreachable. */
function returnCall(v: FunctionValidator, typeIndex: number): void {
  const pool = v.ctx.pool;
  const ctrls = v.ctrls;
  const count = pool.resultCount[typeIndex]!;
  let same = count === ctrls.resultCount[0];
  for (let i = 0; same && i < count; i++) {
    same = pool.types[pool.resultStart[typeIndex]! + i] === pool.types[ctrls.resultStart[0]! + i];
  }
  if (!same) fail("type mismatch", "tail call of a function with other results");
  v.vals.popTypes(pool.types, pool.paramStart[typeIndex]!, pool.paramCount[typeIndex]!);
  v.setUnreachable();
}
