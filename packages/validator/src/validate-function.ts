import {
  CompileError,
  type FuncType,
  type FunctionBody,
  instructionWords,
  isNumType,
  isRefType,
  opcodeById,
  PREFIX_FE_BASE,
  ValType,
  valTypeName,
} from "@microwasm/core";
import { ControlStack, FrameKind } from "./control-stack.js";
import { fail, failUnknown, Invalid } from "./invalid.js";
import { applyMemory64, checkOffset } from "./memory-typing.js";
import type { ModuleContext } from "./module-context.js";
import { ImmCheck, OpClass, type OpTables, OpWord, opTables, opWordsFor } from "./op-signatures.js";
import { OperandStack, UNKNOWN } from "./operand-stack.js";
import { allocateSideTables, type SideTables } from "./side-tables.js";
import { ValidatedBody } from "./validated-body.js";
import type { ValidatedFunction } from "./validated-module.js";

/** Bodies declaring more locals than this are rejected rather than expanded. */
const MAX_LOCALS = 1 << 24;
const EMPTY_BLOCK_TYPE = -64;

/**
 * Validates function bodies: the appendix's algorithm with an operand stack and a control
 * stack, producing `ValidatedFunction`s (whose side tables it records when asked, see
 * `ValidatedBody`). One instance serves every body of a module, reusing its stacks.
 */
export class FunctionValidator {
  private readonly vals = new OperandStack();
  private readonly ctrls = new ControlStack();
  private readonly tables: OpTables = opTables();
  private readonly opWord: Int32Array;
  /** Types of the current function's locals, parameters first. */
  private localTypes: Uint8Array = new Uint8Array(64);
  private localCount = 0;
  // The block type decoded by `readBlockType`, as ranges of the type pool.
  private btParamStart = 0;
  private btParamCount = 0;
  private btResultStart = 0;
  private btResultCount = 0;
  private lastInstr = 0;
  /** The instruction being validated, for the error offset. */
  private current = 0;
  /** Where the current body's side tables are recorded, or null when they are not. */
  private recording: SideTables | null = null;
  /** Whether a block type of the current body has parameters. */
  private blockParams = false;

  constructor(private readonly ctx: ModuleContext) {
    this.opWord = opWordsFor(ctx.features);
  }

  /**
   * Throws `CompileError` (kind "invalid") at the offset of the offending instruction. With
   * `eager`, the side tables are recorded now; otherwise on first access.
   */
  validate(funcIndex: number, type: FuncType, body: FunctionBody, eager = false): ValidatedFunction {
    const tables = eager ? allocateSideTables(body.code.count) : null;
    const maxHeight = this.check(funcIndex, type, body, tables);
    const hasBlockParams = this.blockParams;
    const count = this.localCount;
    const localTypes = this.localTypes;
    const locals: ValType[] = new Array(count);
    for (let i = 0; i < count; i++) locals[i] = localTypes[i] as ValType;
    return new ValidatedBody(funcIndex, type, locals, body, maxHeight, hasBlockParams, this, tables);
  }

  /** The side tables of a body this validator accepted before (so this cannot throw). */
  sideTables(funcIndex: number, type: FuncType, body: FunctionBody): SideTables {
    const tables = allocateSideTables(body.code.count);
    this.check(funcIndex, type, body, tables);
    return tables;
  }

  /** Validates one body, recording its side tables into `tables` unless null; returns `maxHeight`. */
  private check(funcIndex: number, type: FuncType, body: FunctionBody, tables: SideTables | null): number {
    this.expandLocals(type, body);
    const code = body.code;
    const count = code.count;
    this.lastInstr = count - 1;
    this.recording = tables;
    this.blockParams = false;
    const typeIndex = this.ctx.funcTypeIndex[funcIndex]!;
    const pool = this.ctx.pool;
    this.vals.reset();
    const ctrls = this.ctrls;
    ctrls.depth = 0;
    ctrls.push(FrameKind.function, -1, 0, 0, 0, pool.resultStart[typeIndex]!, pool.resultCount[typeIndex]!);

    try {
      return this.run(code.ops, count, tables === null ? null : tables.heights);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      const failed = Math.min(this.current, count - 1);
      throw new CompileError(e.reason, "invalid", failed >= 0 ? code.offsets[failed] : body.offset, e.detail);
    } finally {
      this.recording = null;
    }
  }

  /**
   * The instruction loop, walking `ops` (not the code's `starts`, which the parser makes only
   * when read); returns the maximum operand height. `current` tracks the instruction.
   */
  private run(ops: Int32Array, count: number, heights: Int32Array | null): number {
    const vals = this.vals;
    const tables = this.tables;
    const opWord = this.opWord;
    const sigTypes = tables.sigTypes;
    let maxHeight = 0;
    for (let n = 0, pc = 0, next = 0; n < count; n++, pc = next) {
      this.current = n;
      const op = ops[pc]!;
      next = pc + instructionWords(ops, pc);
      if (heights !== null) heights[n] = vals.polymorphic ? -1 : vals.height;
      const word = opWord[op] ?? OpClass.illegal;
      const kind = word & OpWord.classMask;
      if (kind === OpClass.fixed || kind === OpClass.fixedChecked) {
        const params = (word >>> OpWord.paramShift) & OpWord.countMask;
        const results = (word >>> OpWord.resultShift) & OpWord.countMask;
        if (kind === OpClass.fixedChecked && this.checkImmediates(op, pc, ops)) {
          // A 64-bit memory: the address (and size) operands are i64.
          const memory = ops[pc + (tables.immCheck[op] === ImmCheck.memoryInit ? 2 : 1)]!;
          const src = tables.immCheck[op] === ImmCheck.memoryCopy ? ops[pc + 2]! : memory;
          applyMemory64(
            vals,
            this.ctx,
            opcodeById(op)!.name,
            sigTypes,
            word >>> OpWord.startShift,
            params,
            results,
            memory,
            src,
          );
        } else {
          vals.apply(sigTypes, word >>> OpWord.startShift, params, results);
        }
      } else if (op === 0x20) {
        // local.get and local.set, the most frequent ops, without the call into `control`
        vals.push(this.localType(ops[pc + 1]!));
      } else if (op === 0x21) {
        vals.popExpect(this.localType(ops[pc + 1]!));
      } else if (kind === OpClass.special) {
        if (op < 0x27) this.control(op, pc, ops, n);
        else this.reference(op, pc, ops, n);
      } else {
        const info = opcodeById(op);
        fail(
          "illegal opcode",
          info ? `${info.name} needs the ${info.feature} feature` : `id 0x${op.toString(16)}`,
        );
      }
      if (!vals.polymorphic && vals.height > maxHeight) maxHeight = vals.height;
    }
    this.current = count;
    if (this.ctrls.depth !== 0) fail("unexpected end of function body");
    return maxHeight;
  }

  /** Fills `localTypes` with the parameters' and declared locals' types. */
  private expandLocals(type: FuncType, body: FunctionBody): void {
    const params = type.params;
    let total = params.length;
    for (const decl of body.locals) total += decl.count;
    if (total > MAX_LOCALS) throw new CompileError("too many locals", "invalid", body.offset);
    if (this.localTypes.length < total)
      this.localTypes = new Uint8Array(Math.max(total, this.localTypes.length * 2));
    const localTypes = this.localTypes;
    let at = 0;
    for (; at < params.length; at++) localTypes[at] = params[at]!;
    for (const decl of body.locals) {
      localTypes.fill(decl.type, at, at + decl.count);
      at += decl.count;
    }
    this.localCount = total;
  }

  /**
   * Index and alignment checks for ops whose stack effect is fixed. Returns true when the op
   * names a 64-bit memory (its typing then differs from the table's, see memory-typing.ts).
   */
  private checkImmediates(op: number, pc: number, ops: Int32Array): boolean {
    const ctx = this.ctx;
    switch (this.tables.immCheck[op]) {
      case ImmCheck.memarg:
        this.checkMemory(ops[pc + 1]!);
        this.checkAlign(op, ops[pc + 2]!);
        checkOffset(ctx, ops[pc + 1]!, ops[pc + 4]!);
        return ctx.memory64[ops[pc + 1]!] === 1;
      case ImmCheck.memargLane:
        this.checkMemory(ops[pc + 1]!);
        this.checkAlign(op, ops[pc + 2]!);
        checkOffset(ctx, ops[pc + 1]!, ops[pc + 4]!);
        this.checkLane(op, ops[pc + 5]!);
        return ctx.memory64[ops[pc + 1]!] === 1;
      case ImmCheck.lane:
        this.checkLane(op, ops[pc + 1]!);
        break;
      case ImmCheck.shuffle:
        for (let w = 1; w <= 4; w++) {
          const word = ops[pc + w]!;
          for (let b = 0; b < 32; b += 8) if (((word >>> b) & 0xff) >= 32) fail("invalid lane index");
        }
        break;
      case ImmCheck.memory:
        this.checkMemory(ops[pc + 1]!);
        return ctx.memory64[ops[pc + 1]!] === 1;
      case ImmCheck.memoryInit:
        this.checkMemory(ops[pc + 2]!);
        this.checkData(ops[pc + 1]!);
        return ctx.memory64[ops[pc + 2]!] === 1;
      case ImmCheck.data:
        this.checkData(ops[pc + 1]!);
        break;
      case ImmCheck.memoryCopy:
        this.checkMemory(ops[pc + 1]!);
        this.checkMemory(ops[pc + 2]!);
        return ctx.memory64[ops[pc + 1]!] === 1 || ctx.memory64[ops[pc + 2]!] === 1;
      case ImmCheck.tableInit: {
        const tableType = this.tableType(ops[pc + 2]!);
        const elem = ops[pc + 1]! >>> 0;
        if (elem >= ctx.elemCount) failUnknown("elem segment", elem);
        const elemType = ctx.elemType[elem]!;
        if (elemType !== tableType) {
          fail(
            "type mismatch",
            `element segment of ${valTypeName(elemType)} into table of ${valTypeName(tableType)}`,
          );
        }
        break;
      }
      case ImmCheck.elem: {
        const elem = ops[pc + 1]! >>> 0;
        if (elem >= ctx.elemCount) failUnknown("elem segment", elem);
        break;
      }
      case ImmCheck.tableCopy: {
        const dst = this.tableType(ops[pc + 1]!);
        const src = this.tableType(ops[pc + 2]!);
        if (dst !== src)
          fail("type mismatch", `copy from table of ${valTypeName(src)} to table of ${valTypeName(dst)}`);
        break;
      }
      case ImmCheck.table:
        this.tableType(ops[pc + 1]!);
        break;
    }
    return false;
  }

  private checkMemory(index: number): void {
    if (index >>> 0 >= this.ctx.memoryCount) failUnknown("memory", index);
  }

  private checkData(index: number): void {
    if (index >>> 0 >= this.ctx.dataCount) failUnknown("data segment", index);
  }

  private checkAlign(op: number, alignLog2: number): void {
    if (alignLog2 >>> 0 > this.tables.naturalAlign[op]!) fail("alignment must not be larger than natural");
    // Atomic accesses (the 0xFE prefix) must be exactly aligned.
    if (op >= PREFIX_FE_BASE && alignLog2 !== this.tables.naturalAlign[op]!)
      fail("atomic alignment must be natural");
  }

  private checkLane(op: number, lane: number): void {
    if (lane >>> 0 >= this.tables.laneCount[op]!) fail("invalid lane index");
  }

  /** The element type of table `index`; "unknown table" when there is no such table. */
  private tableType(index: number): number {
    if (index >>> 0 >= this.ctx.tableCount) failUnknown("table", index);
    return this.ctx.tableElemType[index]!;
  }

  /** Decodes a block type immediate into `bt*` ranges of the type pool. */
  private readBlockType(blockType: number): void {
    const pool = this.ctx.pool;
    if (blockType === EMPTY_BLOCK_TYPE) {
      this.btParamStart = this.btParamCount = this.btResultStart = this.btResultCount = 0;
    } else if (blockType < 0) {
      const slot = pool.single((blockType + 0x80) & 0x7f);
      if (slot < 0 || blockType < -64) fail("malformed block type");
      this.btParamStart = this.btParamCount = 0;
      this.btResultStart = slot;
      this.btResultCount = 1;
    } else {
      if (blockType >= pool.typeCount) failUnknown("type", blockType);
      this.btParamStart = pool.paramStart[blockType]!;
      this.btParamCount = pool.paramCount[blockType]!;
      this.btResultStart = pool.resultStart[blockType]!;
      this.btResultCount = pool.resultCount[blockType]!;
      if (this.btParamCount > 0) this.blockParams = true;
      if (!this.ctx.features.multiValue && (this.btParamCount > 0 || this.btResultCount > 1)) {
        fail("invalid result arity");
      }
    }
  }

  /** Pops the block's params, opens its frame and pushes the params again inside it. */
  private enterBlock(kind: FrameKind, opener: number): void {
    const vals = this.vals;
    const poolTypes = this.ctx.pool.types;
    vals.popTypes(poolTypes, this.btParamStart, this.btParamCount);
    this.ctrls.push(
      kind,
      opener,
      vals.height,
      this.btParamStart,
      this.btParamCount,
      this.btResultStart,
      this.btResultCount,
    );
    vals.floor = vals.height;
    vals.polymorphic = false;
    vals.pushTypes(poolTypes, this.btParamStart, this.btParamCount);
  }

  /** Checks that the innermost frame's code left exactly its results on the stack. */
  private checkFrameResults(): void {
    const ctrls = this.ctrls;
    const vals = this.vals;
    const top = ctrls.depth - 1;
    vals.popTypes(this.ctx.pool.types, ctrls.resultStart[top]!, ctrls.resultCount[top]!);
    if (vals.height !== ctrls.height[top]) {
      fail("type mismatch", `${vals.height - ctrls.height[top]!} values remain at the end of the block`);
    }
  }

  /** Resolves a label immediate to a frame number; "unknown label" when out of range. */
  private labelFrame(depth: number): number {
    if (depth >>> 0 >= this.ctrls.depth) failUnknown("label", depth);
    return this.ctrls.depth - 1 - depth;
  }

  private setUnreachable(): void {
    this.vals.setUnreachable();
    this.ctrls.unreachable[this.ctrls.depth - 1] = 1;
  }

  /**
   * Ops below 0x27 typed by hand (`sig: null`): control, calls, parametric, variables and
   * table.get/set. Their ids are dense, so this `switch` compiles to a jump table.
   */
  private control(op: number, pc: number, ops: Int32Array, n: number): void {
    const vals = this.vals;
    const ctrls = this.ctrls;
    const ctx = this.ctx;
    const pool = ctx.pool;
    switch (op) {
      case 0x00: // unreachable
        this.setUnreachable();
        return;
      case 0x02: // block
        this.readBlockType(ops[pc + 1]!);
        this.enterBlock(FrameKind.block, n);
        return;
      case 0x03: // loop
        this.readBlockType(ops[pc + 1]!);
        this.enterBlock(FrameKind.loop, n);
        return;
      case 0x04: // if
        this.readBlockType(ops[pc + 1]!);
        vals.popExpect(ValType.i32);
        this.enterBlock(FrameKind.if, n);
        return;
      case 0x05: {
        // else
        const top = ctrls.depth - 1;
        if (ctrls.kind[top] !== FrameKind.if) fail("else without matching if");
        this.checkFrameResults();
        ctrls.kind[top] = FrameKind.else;
        ctrls.elseAt[top] = n;
        ctrls.unreachable[top] = 0;
        if (this.recording !== null) this.recording.matchingElse[ctrls.opener[top]!] = n;
        vals.polymorphic = false;
        vals.pushTypes(pool.types, ctrls.paramStart[top]!, ctrls.paramCount[top]!);
        return;
      }
      case 0x0b: {
        // end
        const top = ctrls.depth - 1;
        this.checkFrameResults();
        const resultStart = ctrls.resultStart[top]!;
        const resultCount = ctrls.resultCount[top]!;
        if (ctrls.kind[top] === FrameKind.if) {
          // The missing else branch passes the params through unchanged.
          if (
            !sameTypes(pool.types, ctrls.paramStart[top]!, ctrls.paramCount[top]!, resultStart, resultCount)
          ) {
            fail("type mismatch", "if without else must have matching parameter and result types");
          }
        }
        const recording = this.recording;
        if (recording !== null) {
          const opener = ctrls.opener[top]!;
          if (opener >= 0) recording.matchingEnd[opener] = n;
          const elseAt = ctrls.elseAt[top]!;
          if (elseAt >= 0) recording.matchingEnd[elseAt] = n;
        }
        ctrls.depth = top;
        if (top === 0 && n !== this.lastInstr) fail("operators remaining after end of function");
        if (top > 0) {
          vals.floor = ctrls.height[top - 1]!;
          vals.polymorphic = ctrls.unreachable[top - 1] === 1;
        } else {
          vals.floor = 0;
          vals.polymorphic = false;
        }
        vals.pushTypes(pool.types, resultStart, resultCount);
        return;
      }
      case 0x0c: {
        // br
        const frame = this.labelFrame(ops[pc + 1]!);
        vals.popTypes(pool.types, ctrls.labelStart(frame), ctrls.labelCount(frame));
        this.setUnreachable();
        return;
      }
      case 0x0d: {
        // br_if
        const frame = this.labelFrame(ops[pc + 1]!);
        vals.popExpect(ValType.i32);
        const start = ctrls.labelStart(frame);
        const count = ctrls.labelCount(frame);
        vals.popTypes(pool.types, start, count);
        vals.pushTypes(pool.types, start, count);
        return;
      }
      case 0x0e: {
        // br_table: every label must take the same number of operands, and the operands must
        // match each label's types (unknown operands of a polymorphic stack match any type).
        const labels = ops[pc + 1]! >>> 0;
        const last = pc + 2 + labels;
        for (let i = pc + 2; i <= last; i++) this.labelFrame(ops[i]!);
        vals.popExpect(ValType.i32);
        const defaultFrame = this.labelFrame(ops[last]!);
        const arity = ctrls.labelCount(defaultFrame);
        for (let i = pc + 2; i <= last; i++) {
          const frame = this.labelFrame(ops[i]!);
          const count = ctrls.labelCount(frame);
          if (count !== arity) fail("type mismatch", `br_table targets with ${arity} and ${count} values`);
          vals.checkTop(pool.types, ctrls.labelStart(frame), count);
        }
        this.setUnreachable();
        return;
      }
      case 0x0f: // return
        vals.popTypes(pool.types, ctrls.resultStart[0]!, ctrls.resultCount[0]!);
        this.setUnreachable();
        return;
      case 0x10: {
        // call
        const func = ops[pc + 1]! >>> 0;
        if (func >= ctx.funcCount) failUnknown("function", func);
        this.applyFuncType(ctx.funcTypeIndex[func]!);
        return;
      }
      case 0x11: {
        // call_indirect [typeIndex, tableIndex]
        const tableType = this.tableType(ops[pc + 2]!);
        const typeIndex = ops[pc + 1]! >>> 0;
        if (typeIndex >= pool.typeCount) failUnknown("type", typeIndex);
        if (tableType !== ValType.funcref) fail("type mismatch", "call_indirect requires a table of funcref");
        vals.popExpect(ValType.i32);
        this.applyFuncType(typeIndex);
        return;
      }
      case 0x1a: {
        // drop
        const reachable = !vals.polymorphic;
        const type = vals.pop();
        if (reachable && this.recording !== null) this.recording.operandType[n] = type;
        return;
      }
      case 0x1b: {
        // select (untyped): numeric or vector operands only
        const reachable = !vals.polymorphic;
        vals.popExpect(ValType.i32);
        const t1 = vals.pop();
        const t2 = vals.pop();
        if (!((isNumOrUnknown(t1) && isNumOrUnknown(t2)) || (isVecOrUnknown(t1) && isVecOrUnknown(t2)))) {
          fail("type mismatch", "select without a type needs numeric or vector operands");
        }
        if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) {
          fail("type mismatch", `select of ${valTypeName(t2)} and ${valTypeName(t1)}`);
        }
        const type = t1 === UNKNOWN ? t2 : t1;
        vals.push(type);
        if (reachable && this.recording !== null) this.recording.operandType[n] = type;
        return;
      }
      case 0x1c: {
        // select t*
        if (ops[pc + 1] !== 1) fail("invalid result arity", "select must have exactly one result type");
        const type = ops[pc + 2]!;
        if (pool.single(type) < 0) fail("malformed value type");
        if (!vals.polymorphic && this.recording !== null) this.recording.operandType[n] = type;
        vals.popExpect(ValType.i32);
        vals.popExpect(type);
        vals.popExpect(type);
        vals.push(type);
        return;
      }
      // local.get (0x20) and local.set (0x21) are typed in `run`.
      case 0x22: {
        // local.tee
        const type = this.localType(ops[pc + 1]!);
        vals.popExpect(type);
        vals.push(type);
        return;
      }
      case 0x23: {
        // global.get
        const global = ops[pc + 1]! >>> 0;
        if (global >= ctx.globalCount) failUnknown("global", global);
        vals.push(ctx.globalType[global]!);
        return;
      }
      case 0x24: {
        // global.set
        const global = ops[pc + 1]! >>> 0;
        if (global >= ctx.globalCount) failUnknown("global", global);
        if (ctx.globalMutable[global] !== 1) fail("global is immutable");
        vals.popExpect(ctx.globalType[global]!);
        return;
      }
      case 0x25: {
        // table.get
        const type = this.tableType(ops[pc + 1]!);
        vals.popExpect(ValType.i32);
        vals.push(type);
        return;
      }
      case 0x26: {
        // table.set
        const type = this.tableType(ops[pc + 1]!);
        vals.popExpect(type);
        vals.popExpect(ValType.i32);
        return;
      }
      default:
        this.reference(op, pc, ops, n);
    }
  }

  /** Reference and table ops typed by hand, and the fallback for ops nobody types. */
  private reference(op: number, pc: number, ops: Int32Array, n: number): void {
    const vals = this.vals;
    const ctx = this.ctx;
    void n;
    switch (op) {
      case 0xd0: {
        // ref.null
        const type = ops[pc + 1]!;
        if (!isRefType(type)) fail("malformed reference type");
        vals.push(type);
        return;
      }
      case 0xd1: {
        // ref.is_null
        const type = vals.pop();
        if (type !== UNKNOWN && !isRefType(type)) {
          fail("type mismatch", `ref.is_null requires a reference but the stack has ${valTypeName(type)}`);
        }
        vals.push(ValType.i32);
        return;
      }
      case 0xd2: {
        // ref.func
        const func = ops[pc + 1]! >>> 0;
        if (func >= ctx.funcCount) failUnknown("function", func);
        if (ctx.declaredFunc[func] !== 1) fail("undeclared function reference", `function ${func}`);
        vals.push(ValType.funcref);
        return;
      }
      case 0x10f: {
        // table.grow
        const type = this.tableType(ops[pc + 1]!);
        vals.popExpect(ValType.i32);
        vals.popExpect(type);
        vals.push(ValType.i32);
        return;
      }
      case 0x111: {
        // table.fill
        const type = this.tableType(ops[pc + 1]!);
        vals.popExpect(ValType.i32);
        vals.popExpect(type);
        vals.popExpect(ValType.i32);
        return;
      }
      default: {
        const info = opcodeById(op);
        fail(
          "illegal opcode",
          info ? `${info.name} is not supported by the validator` : `id 0x${op.toString(16)}`,
        );
      }
    }
  }

  private localType(index: number): number {
    if (index >>> 0 >= this.localCount) failUnknown("local", index);
    return this.localTypes[index]!;
  }

  private applyFuncType(typeIndex: number): void {
    const pool = this.ctx.pool;
    this.vals.popTypes(pool.types, pool.paramStart[typeIndex]!, pool.paramCount[typeIndex]!);
    this.vals.pushTypes(pool.types, pool.resultStart[typeIndex]!, pool.resultCount[typeIndex]!);
  }
}

function isNumOrUnknown(type: number): boolean {
  return type === UNKNOWN || isNumType(type);
}

function isVecOrUnknown(type: number): boolean {
  return type === UNKNOWN || type === ValType.v128;
}

function sameTypes(
  types: Uint8Array,
  aStart: number,
  aCount: number,
  bStart: number,
  bCount: number,
): boolean {
  if (aCount !== bCount) return false;
  for (let i = 0; i < aCount; i++) if (types[aStart + i] !== types[bStart + i]) return false;
  return true;
}
