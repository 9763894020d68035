import {
  type FuncType,
  instructionWords,
  opcodeById,
  PREFIX_FD_BASE,
  ValType as T,
  type ValType,
} from "@microwasm/core";
import type { ValidatedFunction } from "@microwasm/validator";
import { enumKind, type ModuleShape, noTypes } from "./compile-control.js";
import { ExceptionCompiler } from "./compile-exceptions.js";
import { memoryPathImmediates } from "./compile-memory.js";
import { isRef } from "./compile-operand-stack.js";
import type { CompiledFunction } from "./compiled-function.js";
import { Internal, SLOT } from "./internal-ops.js";
import { opParams, opResult, opShape, Shape } from "./op-shapes.js";
import { simdImmediates } from "./simd/simd-code.js";
import { chosen, isI32Identity, loadAtOf, storeAtOf } from "./superinstructions.js";
import { Wasm } from "./wasm-ops.js";

export type { ModuleShape } from "./compile-control.js";

/**
 * Translates one validated body to register-form internal code (see internal-ops.ts).
 *
 * The compiler mirrors the operand stack at compile time. Each entry knows where its value
 * lives: in its home slot (the operand slot of its height) or, for a `local.get` not yet
 * consumed, in the local's slot. Consumers read values where they are, so `local.get` costs
 * nothing; a deferred local is copied home only when it must be (before the local is
 * overwritten, at block boundaries and calls). A result followed by `local.set` is written
 * straight into the local.
 */
export function compileFunction(
  fn: ValidatedFunction,
  shape: ModuleShape,
  name: string | undefined,
): CompiledFunction {
  return new FunctionCompiler(fn, shape, null).compile(name);
}

/**
 * A compiled body whose (pc, offset) pairs are made on first read, by translating the body
 * again with recording on: translation is deterministic, so the pcs are those of `code`. They
 * serve only to report a trap, and recording them for every function was a sixth of compile
 * time and 21 MB for esbuild.wasm (it also read every instruction's byte offset).
 */
class CompiledBody implements CompiledFunction {
  readonly funcIndex: number;
  readonly type: FuncType;
  readonly code: Int32Array;
  readonly frameSlots: number;
  readonly operandBase: number;
  readonly paramCount: number;
  readonly localCount: number;
  readonly localIsRef: Uint8Array;
  readonly handlers: Int32Array | null;
  readonly name: string | undefined;
  private readonly fn: ValidatedFunction;
  private readonly shape: ModuleShape;
  private pairs: Int32Array | null = null;

  constructor(
    fn: ValidatedFunction,
    shape: ModuleShape,
    code: Int32Array,
    frameSlots: number,
    operandBase: number,
    localIsRef: Uint8Array,
    handlers: Int32Array | null,
    name: string | undefined,
  ) {
    this.funcIndex = fn.funcIndex;
    this.type = fn.type;
    this.code = code;
    this.frameSlots = frameSlots;
    this.operandBase = operandBase;
    this.paramCount = fn.type.params.length;
    this.localCount = localIsRef.length;
    this.localIsRef = localIsRef;
    this.handlers = handlers;
    this.name = name;
    this.fn = fn;
    this.shape = shape;
  }

  get pcOffsets(): Int32Array {
    if (this.pairs === null) {
      this.pairs = new FunctionCompiler(this.fn, this.shape, this.fn.code.offsets).pcOffsetPairs();
    }
    return this.pairs;
  }
}

class FunctionCompiler extends ExceptionCompiler {
  constructor(
    fn: ValidatedFunction,
    shape: ModuleShape,
    /** The body's instruction offsets, to record (pc, offset) pairs with; null to record none. */
    private readonly offsets: Uint32Array | null,
  ) {
    super(fn, shape);
  }

  compile(name: string | undefined): CompiledFunction {
    this.translateBody();
    const frameSlots = this.operandBase + Math.max(this.maxHeight, this.fn.maxHeight) + 1;
    const localIsRef = new Uint8Array(this.locals.length);
    for (let i = 0; i < this.locals.length; i++) localIsRef[i] = isRef(this.locals[i]!) ? 1 : 0;
    const code = this.out.finish();
    return new CompiledBody(
      this.fn,
      this.shape,
      code,
      frameSlots,
      this.operandBase,
      localIsRef,
      this.handlerTable(),
      name,
    );
  }

  /** The (pc, offset) pairs of the code `compile` emits for this body (see `CompiledBody`). */
  pcOffsetPairs(): Int32Array {
    this.translateBody();
    this.out.reset();
    return this.pcOffsets.finish();
  }

  protected translateBody(): void {
    const fn = this.fn;
    const offsets = this.offsets;
    const { ops, count } = fn.code;
    this.pushFrame(enumKind.func, 0, noTypes, fn.type.results, -1, -1, -1);
    let dead = false;
    let deadDepth = 0;
    // Walks `ops` rather than reading the code's `starts` (which the parser makes only when read).
    for (let n = 0, at = 0, next = 0; n < count; n++, at = next) {
      const op = ops[at]!;
      next = at + instructionWords(ops, at);
      if (dead) {
        // Unreachable code is validated but never emitted; track nesting to find its end.
        if (
          op === Wasm.block ||
          op === Wasm.loop ||
          op === Wasm.if ||
          op === Wasm.try ||
          op === Wasm.tryTable
        )
          deadDepth++;
        else if ((op === Wasm.end || op === Wasm.delegate) && deadDepth > 0) deadDepth--;
        else if ((op === Wasm.end || op === Wasm.else) && deadDepth === 0) {
          dead = false;
          if (offsets !== null) this.pcOffsets.push(this.out.length, offsets[n]!);
          if (op === Wasm.end) this.endTryTable();
          this.closeBlock(op, true);
        } else if (deadDepth === 0 && this.closeDeadClause(op, ops, at)) {
          dead = false;
        }
        continue;
      }
      this.instr = n;
      const pc = this.out.length;
      const writes = this.out.writes;
      this.rewoundTo = -1;
      this.offsetFromProducer = false;
      dead = this.translate(op, ops, at);
      // An instruction that emitted nothing (local.get, block, drop...) needs no entry: halves the table.
      if (offsets !== null && this.out.writes !== writes) {
        this.pcOffsets.push(pc, offsets[n]!);
        if (this.rewoundTo >= 0) this.moveEntryBack();
      }
    }
  }

  protected translate(op: number, ops: Int32Array, at: number): boolean {
    const general = memoryPathImmediates(op, ops, at, this.shape.memories);
    if (general !== null) {
      this.translateMemoryOp(op, general);
      return false;
    }
    switch (opShape[op]) {
      case Shape.unary: {
        const a = this.pop();
        const d = this.pushResult(opResult[op] as ValType);
        this.emit3(op, d, a);
        this.markResult(this.out.length - 2);
        return false;
      }
      case Shape.binary: {
        const b = this.pop();
        const a = this.pop();
        const reg = this.i32ImmediateOperand(op, a, b);
        if (reg >= 0) {
          this.dropLast(); // the constant, now an immediate
          if (isI32Identity(chosen.op, chosen.x)) {
            // `x + 0`, `x * 1`, ...: no instruction, the result is the operand where it is
            this.pushAt(reg, T.i32);
            return false;
          }
          this.emit4(chosen.op, this.pushResult(T.i32), reg, chosen.x);
        } else {
          const d = this.pushResult(opResult[op] as ValType);
          if (!this.emitWithI64Immediate(op, d, a, b) && !this.emitChained(op, d, a, b))
            this.emit4(op, d, a, b);
        }
        this.markResult(this.lastStart + 1);
        return false;
      }
      case Shape.load: {
        const addr = this.pop();
        const d = this.pushResult(opResult[op] as ValType);
        const fused = loadAtOf(op);
        if (fused !== 0 && this.lastProducerOf(addr) === Internal.i32AddImm) {
          // the address `base + c` just computed: one load that adds c itself (wrapping as i32)
          const base = this.out.at(this.lastStart + 2);
          const c = this.out.at(this.lastStart + 3);
          this.dropLast();
          this.emit5(fused, d, base, ops[at + 3]!, c);
        } else {
          this.emit4(op, d, addr, ops[at + 3]!);
        }
        this.markResult(this.lastStart + 1);
        return false;
      }
      case Shape.store: {
        const value = this.pop();
        const addr = this.pop();
        const fused = storeAtOf(op);
        if (fused !== 0 && this.lastProducerOf(addr) === Internal.i32AddImm) {
          const base = this.out.at(this.lastStart + 2);
          const c = this.out.at(this.lastStart + 3);
          this.dropLast();
          this.emit5(fused, base, value, ops[at + 3]!, c);
        } else if (
          (op === Wasm.i32Store || op === Wasm.i32Store8) &&
          this.lastProducerOf(value) === Wasm.i32Const
        ) {
          // i32.store / i32.store8 of a constant just emitted: the constant as an immediate
          const c = this.out.at(this.lastStart + 2);
          this.dropLast();
          const start = this.lastStart;
          if (
            start >= 0 &&
            start + 4 === this.out.length &&
            this.labelAt !== this.out.length &&
            this.out.at(start) === Internal.i32AddImm &&
            this.out.at(start + 1) === addr &&
            addr >= this.operandBase * SLOT // a temporary, read only by this store
          ) {
            // ...at an address `base + c2` computed just before: `arr[i] = c` in one instruction
            const base = this.out.at(start + 2);
            const c2 = this.out.at(start + 3);
            this.rewind(start);
            const fused = op === Wasm.i32Store ? Internal.i32StoreImmAt : Internal.i32Store8ImmAt;
            this.emit5(fused, base, c, ops[at + 3]!, c2);
          } else {
            this.emit4(
              op === Wasm.i32Store ? Internal.i32StoreImm : Internal.i32Store8Imm,
              addr,
              c,
              ops[at + 3]!,
            );
          }
        } else {
          this.emit4(op, addr, value, ops[at + 3]!);
        }
        return false;
      }
      case Shape.simd:
        this.translateSimd(op, ops, at);
        return false;
    }
    switch (op) {
      case 0x00: // unreachable
        this.emit1(op);
        return true;
      case 0x01: // nop
        return false;
      case 0x02: // block
        this.materializeFrom(0);
        this.enterBlock(enumKind.block, ops[at + 1]!, -1, -1);
        return false;
      case 0x03: // loop
        this.materializeFrom(0);
        this.lastDst = -1;
        this.enterBlock(enumKind.loop, ops[at + 1]!, -1, -1);
        return false;
      case 0x04: {
        // if: the false path jumps to the else branch (or the end)
        const blockType = ops[at + 1]!;
        const cond = this.pop();
        this.materializeFrom(0);
        const params = this.blockParams(blockType);
        let saveSlot = -1;
        if (params.length > 0) {
          saveSlot = this.nextSaveSlot;
          this.nextSaveSlot += params.length;
          const first = this.vLoc.length - params.length;
          for (let i = 0; i < params.length; i++) {
            this.emitCopy(params[i]!, (saveSlot + i) * SLOT, this.home(first + i));
          }
        }
        this.enterBlock(enumKind.if, blockType, this.emitCondBranch(cond, true, -1, 0), saveSlot);
        return false;
      }
      case 0x05: // else
      case 0x0b: // end
        if (op === Wasm.end) this.endTryTable();
        this.closeBlock(op, false);
        return false;
      case 0x0c: {
        // br
        const frame = this.frameAt(ops[at + 1]!);
        this.emitBranchCopies(frame);
        this.emitJump(frame);
        return true;
      }
      case 0x0d: {
        // br_if
        const frame = this.frameAt(ops[at + 1]!);
        const cond = this.pop();
        if (!this.branchNeedsCopies(frame)) {
          this.emitJumpIf(cond, frame);
          return false;
        }
        const skip = this.emitCondBranch(cond, true, -1, 0);
        this.emitBranchCopies(frame);
        this.emitJump(frame);
        this.out.patch(skip, this.markLabel());
        return false;
      }
      case 0x0e: {
        // br_table: targets needing copies, and loop heads (to spend fuel), go through a stub
        // placed after the table
        const n = ops[at + 1]!;
        const index = this.pop();
        this.emit3(Internal.brTable, index, n + 1);
        const table = this.out.length;
        for (let i = 0; i <= n; i++) this.out.push1(-1);
        for (let i = 0; i <= n; i++) {
          const frame = this.frameAt(ops[at + 2 + i]!);
          if (frame.kind !== enumKind.loop && !this.branchNeedsCopies(frame)) {
            this.addFixup(frame, table + i);
          } else {
            this.out.patch(table + i, this.markLabel());
            this.emitBranchCopies(frame);
            this.emitJump(frame);
          }
        }
        this.lastDst = -1;
        return true;
      }
      case 0x0f: // return
        this.emitReturn();
        return true;
      case 0x10: {
        // call
        const funcIndex = ops[at + 1]!;
        const type = this.shape.funcTypes[funcIndex]!;
        this.emit3(Internal.call, funcIndex, this.prepareCall(type));
        this.finishCall(type);
        return false;
      }
      case 0x11: {
        // call_indirect
        const typeIndex = ops[at + 1]!;
        const tableIndex = ops[at + 2]!;
        // The index is read before the callee's frame (which starts at the arguments) exists.
        const index = this.pop();
        const type = this.shape.types[typeIndex]!;
        this.emit5(Internal.callIndirect, typeIndex, tableIndex, index, this.prepareCall(type));
        this.finishCall(type);
        return false;
      }
      case 0x1a: // drop
        this.pop();
        return false;
      case 0x1b:
      case 0x1c: {
        // select
        const cond = this.pop();
        const b = this.pop();
        const type = this.vType[this.vType.length - 1]!;
        const a = this.pop();
        const d = this.pushResult(type);
        const selectOp =
          type === T.v128 ? Internal.selectV128 : isRef(type) ? Internal.selectRef : Internal.select;
        this.emit5(selectOp, d, a, b, cond);
        this.markResult(this.out.length - 4);
        return false;
      }
      case 0x20: // local.get
        this.pushLocal(ops[at + 1]!);
        return false;
      case 0x21: // local.set
      case 0x22: {
        // local.tee
        const index = ops[at + 1]!;
        const type = this.locals[index]!;
        const dst = index * SLOT;
        const h = this.vLoc.length - 1;
        this.materializeLocal(index);
        const computedAt = this.resultPosOf(h);
        if (computedAt >= 0) {
          // The value was just computed into its home slot: compute it into the local instead.
          this.out.patch(computedAt, dst);
        } else {
          this.emitCopy(type, dst, this.vLoc[h]!);
        }
        this.lastDst = -1;
        this.pop();
        if (op === Wasm.localTee) this.pushLocal(index);
        return false;
      }
      case 0x23: {
        // global.get
        const g = ops[at + 1]!;
        const type = this.shape.globals[g]!.type;
        const d = this.pushResult(type);
        const getOp =
          type === T.v128 ? Internal.globalGetV128 : isRef(type) ? Internal.globalGetRef : Wasm.globalGet;
        this.emit3(getOp, d, g);
        this.markResult(this.out.length - 2);
        return false;
      }
      case 0x24: {
        // global.set
        const g = ops[at + 1]!;
        const type = this.shape.globals[g]!.type;
        const src = this.pop();
        const setOp =
          type === T.v128 ? Internal.globalSetV128 : isRef(type) ? Internal.globalSetRef : Wasm.globalSet;
        this.emit3(setOp, g, src);
        return false;
      }
      case 0x25: {
        // table.get
        const t = ops[at + 1]!;
        const index = this.pop();
        const d = this.pushResult(this.shape.tables[t]!.elemType);
        this.emit4(op, d, t, index);
        this.markResult(this.out.length - 3);
        return false;
      }
      case 0x26: {
        // table.set
        const value = this.pop();
        const index = this.pop();
        this.emit4(op, ops[at + 1]!, index, value);
        return false;
      }
      case 0x3f: {
        // memory.size
        const d = this.pushResult(T.i32);
        this.emit2(op, d);
        return false;
      }
      case 0x40: {
        // memory.grow
        const delta = this.pop();
        const d = this.pushResult(T.i32);
        this.emit3(op, d, delta);
        return false;
      }
      case 0x41:
      case 0x43: {
        // i32.const, f32.const
        const d = this.pushResult(op === Wasm.i32Const ? T.i32 : T.f32);
        this.emit3(op, d, ops[at + 1]!);
        this.markResult(this.out.length - 2);
        return false;
      }
      case 0x42:
      case 0x44: {
        // i64.const, f64.const
        const d = this.pushResult(op === Wasm.i64Const ? T.i64 : T.f64);
        this.emit4(op, d, ops[at + 1]!, ops[at + 2]!);
        this.markResult(this.out.length - 3);
        return false;
      }
      case 0xd0: {
        // ref.null
        const d = this.pushResult(ops[at + 1]! as ValType);
        this.emit2(op, d);
        return false;
      }
      case 0xd1: {
        // ref.is_null
        const a = this.pop();
        const d = this.pushResult(T.i32);
        this.emit3(op, d, a);
        this.markResult(this.out.length - 2);
        return false;
      }
      case 0xd2: {
        // ref.func
        const d = this.pushResult(T.funcref);
        this.emit3(op, d, ops[at + 1]!);
        return false;
      }
      case 0x108: {
        // memory.init
        const len = this.pop();
        const src = this.pop();
        const dst = this.pop();
        this.emit5(op, ops[at + 1]!, dst, src, len);
        return false;
      }
      case 0x109: // data.drop
      case 0x10d: // elem.drop
        this.emit2(op, ops[at + 1]!);
        return false;
      case 0x10a: // memory.copy
      case 0x10b: {
        // memory.fill
        const len = this.pop();
        const b = this.pop();
        const a = this.pop();
        this.emit4(op, a, b, len);
        return false;
      }
      case 0x10c: // table.init: [segment, table]
      case 0x10e: {
        // table.copy: [dstTable, srcTable]
        const len = this.pop();
        const src = this.pop();
        const dst = this.pop();
        this.emitN([op, ops[at + 1]!, ops[at + 2]!, dst, src, len]);
        return false;
      }
      case 0x10f: {
        // table.grow
        const delta = this.pop();
        const init = this.pop();
        const d = this.pushResult(T.i32);
        this.emit5(op, d, ops[at + 1]!, init, delta);
        return false;
      }
      case 0x110: {
        // table.size
        const d = this.pushResult(T.i32);
        this.emit3(op, d, ops[at + 1]!);
        return false;
      }
      case 0x111: {
        // table.fill
        const count = this.pop();
        const value = this.pop();
        const index = this.pop();
        this.emit5(op, ops[at + 1]!, index, value, count);
        return false;
      }
      default:
        if (opcodeById(op)?.feature === "exceptions" || opcodeById(op)?.feature === "tailCall")
          return this.translateExceptionOp(op, ops, at);
        throw new Error(`interpreter: no translation for opcode ${opcodeById(op)?.name ?? op}`);
    }
  }

  /** [Internal.simd, sub-opcode, dst?, operands..., immediates...] (see simd/simd-code.ts). */
  protected translateSimd(op: number, ops: Int32Array, at: number): void {
    const operands = new Array<number>(opParams[op]!);
    for (let i = operands.length - 1; i >= 0; i--) operands[i] = this.pop();
    const result = opResult[op]! as ValType | 0;
    const start = this.out.length;
    const head = [Internal.simd, op - PREFIX_FD_BASE];
    if (result !== 0) head.push(this.pushResult(result));
    this.emitN([...head, ...operands, ...simdImmediates(op, ops, at)]);
    if (result !== 0) this.markResult(start + 2);
  }

  /** [Internal.memory, op, memory, memory2, offset, offsetHigh, aux, dst, a, b, c] (execute-memory.ts). */
  protected translateMemoryOp(op: number, imm: readonly number[]): void {
    const operands = [0, 0, 0];
    for (let i = opParams[op]! - 1; i >= 0; i--) operands[i] = this.pop();
    let result = opResult[op]! as ValType | 0;
    // memory.size and memory.grow of a 64-bit memory give an i64.
    if ((op === 0x3f || op === 0x40) && this.shape.memories[imm[0]!]?.is64) result = T.i64;
    const dst = result !== 0 ? this.pushResult(result) : 0;
    this.emitN([Internal.memory, op, ...imm, dst, ...operands]);
  }

  /**
   * Arguments must sit in consecutive home slots; the callee's frame starts at the first one
   * (returned: the call's argBase) and leaves its results there (see `finishCall`).
   */
  protected prepareCall(type: FuncType): number {
    const first = this.vLoc.length - type.params.length;
    this.materializeFrom(first);
    return this.home(first);
  }

  protected finishCall(type: FuncType): void {
    for (let i = 0; i < type.params.length; i++) this.pop();
    for (const t of type.results) this.pushResult(t);
  }
}
