import { CatchKind, type FuncType } from "@microwasm/core";
import { ControlCompiler, enumKind, noTypes } from "./compile-control.js";
import { HandlerKind } from "./exceptions.js";
import { Internal, SLOT } from "./internal-ops.js";
import { Wasm } from "./wasm-ops.js";

/**
 * Translation of exception handling and tail calls.
 *
 * A catch is not code but a handler record (exceptions.ts): the pc range it covers and where an
 * exception it matches goes. Records are kept innermost first (a block's record is made when
 * its body ends, after those of the blocks inside it), so the first record that covers a pc and
 * matches is the one the spec picks.
 *
 * - `try_table`: each clause gets a stub before the body that jumps to the clause's label (a
 *   forward branch patched like any other, or a loop's back-edge); the record delivers the
 *   payload (and exnref) into that label's slots and continues at the stub.
 * - legacy `try`: each `catch` clause is code after the body; its record delivers the payload
 *   into the block's operand slots, and the exception into the try's save slot for `rethrow`.
 *   `delegate l` makes a record that sends the exception on to the handlers around label l.
 * - `return_call`: the arguments go to consecutive slots as for a call; the loop moves them to
 *   the frame's start and replaces the frame. A host callee is called as by `call`, and the
 *   code after the instruction returns its results.
 */
export class ExceptionCompiler extends ControlCompiler {
  /** Handler records, `HANDLER_WORDS` each (see exceptions.ts), innermost first. */
  protected readonly handlers: number[] = [];

  /** Translates an exception or tail-call operator; returns whether the code after it is dead. */
  protected translateExceptionOp(op: number, ops: Int32Array, at: number): boolean {
    switch (op) {
      case Wasm.tryTable:
        this.tryTable(ops, at);
        return false;
      case Wasm.try: {
        this.materializeFrom(0);
        const start = this.markLabel();
        this.lastDst = -1;
        this.enterBlock(enumKind.try, ops[at + 1]!, -1, this.nextSaveSlot++);
        this.frames[this.frameCount - 1]!.tryStart = start;
        return false;
      }
      case Wasm.catch:
      case Wasm.catchAll:
        this.catchClause(op, ops[at + 1]!, false);
        return false;
      case Wasm.delegate:
        this.delegate(ops[at + 1]!, false);
        return false;
      case Wasm.throw: {
        const tag = ops[at + 1]!;
        const count = this.shape.tags[tag]!.params.length;
        const first = this.vLoc.length - count;
        this.materializeFrom(first);
        this.emit3(Internal.throw, tag, this.home(first));
        return true;
      }
      case Wasm.throwRef:
        this.emit2(Internal.throwRef, this.pop());
        return true;
      case Wasm.rethrow:
        this.emit2(Internal.rethrow, this.frameAt(ops[at + 1]!).saveSlot * SLOT);
        return true;
      case Wasm.returnCall: {
        const funcIndex = ops[at + 1]!;
        const type = this.shape.funcTypes[funcIndex]!;
        this.emit3(Internal.returnCall, funcIndex, this.argumentsAt(type));
        this.returnCallResults(type);
        return true;
      }
      case Wasm.returnCallIndirect: {
        const index = this.pop();
        const type = this.shape.types[ops[at + 1]!]!;
        this.emit5(Internal.returnCallIndirect, ops[at + 1]!, ops[at + 2]!, index, this.argumentsAt(type));
        this.returnCallResults(type);
        return true;
      }
      default:
        throw new Error(`interpreter: no translation for opcode ${op}`);
    }
  }

  /** A `catch`, `catch_all` or `delegate` reached in dead code; false for any other op. */
  protected closeDeadClause(op: number, ops: Int32Array, at: number): boolean {
    if (op === Wasm.catch || op === Wasm.catchAll) this.catchClause(op, ops[at + 1]!, true);
    else if (op === Wasm.delegate) this.delegate(ops[at + 1]!, true);
    else return false;
    return true;
  }

  /** The finished records, or null when the body has none. */
  protected handlerTable(): Int32Array | null {
    return this.handlers.length === 0 ? null : Int32Array.from(this.handlers);
  }

  private tryTable(ops: Int32Array, at: number): void {
    this.materializeFrom(0);
    const clauses = ops[at + 2]!;
    // Jump over the clauses' stubs into the body.
    this.emit2(Internal.br, -1);
    const skip = this.out.length - 1;
    const stubs: number[] = [];
    for (let i = 0; i < clauses; i++) {
      stubs.push(this.markLabel());
      this.emitJump(this.frameAt(ops[at + 5 + 3 * i]!));
    }
    const start = this.markLabel();
    this.out.patch(skip, start);
    this.lastDst = -1;
    this.enterBlock(enumKind.block, ops[at + 1]!, -1, -1);
    const frame = this.frames[this.frameCount - 1]!;
    frame.tryStart = start;
    // The records are made at the block's end (see `recordTryTable`); keep what they need.
    this.pendingTables.push({ frame: this.frameCount - 1, start, ops, at, stubs });
  }

  private readonly pendingTables: {
    frame: number;
    start: number;
    ops: Int32Array;
    at: number;
    stubs: number[];
  }[] = [];

  /**
   * Before the `end` of a block: when it is a `try_table`, its body ends here, so its records
   * go in now (after those of the blocks inside it).
   */
  protected endTryTable(): void {
    const pending = this.pendingTables[this.pendingTables.length - 1];
    if (pending === undefined || pending.frame !== this.frameCount - 1) return;
    this.pendingTables.pop();
    const { ops, at, stubs, start, frame } = pending;
    const end = this.out.length;
    // The labels are counted from outside the try_table.
    this.frameCount--;
    for (let i = 0; i < stubs.length; i++) {
      const kind = ops[at + 3 + 3 * i]!;
      const target = this.frameAt(ops[at + 5 + 3 * i]!);
      const dst = this.home(target.height);
      this.addHandler(start, end, kind, ops[at + 4 + 3 * i]!, dst, stubs[i]!, -1, frame);
    }
    this.frameCount++;
  }

  private catchClause(op: number, tag: number, wasDead: boolean): void {
    const frame = this.frames[this.frameCount - 1]!;
    if (!wasDead) {
      this.materializeFrom(frame.height);
      this.emit2(Internal.br, -1);
      this.addFixup(frame, this.out.length - 1);
    }
    if (frame.tryEnd < 0) frame.tryEnd = this.out.length;
    const clause = this.markLabel();
    this.lastDst = -1;
    const all = op === Wasm.catchAll;
    this.addHandler(
      frame.tryStart,
      frame.tryEnd,
      all ? CatchKind.catchAll : CatchKind.catch,
      all ? -1 : tag,
      this.home(frame.height),
      clause,
      frame.saveSlot * SLOT,
      this.frameCount - 1,
    );
    this.resetStack(frame.height, all ? noTypes : this.shape.tags[tag]!.params);
  }

  private delegate(label: number, wasDead: boolean): void {
    const frame = this.frames[this.frameCount - 1]!;
    // The try's own frame is frameCount - 1; label 0 is the one around it.
    const targetLevel = this.frameCount - 2 - label;
    const level = this.frameCount - 1;
    this.addHandler(frame.tryStart, this.out.length, HandlerKind.delegate, -1, 0, targetLevel, -1, level);
    this.closeBlock(Wasm.end, wasDead);
  }

  private addHandler(
    start: number,
    end: number,
    kind: number,
    tag: number,
    dst: number,
    target: number,
    exnSlot: number,
    /** The control depth of the block the record belongs to (what a `delegate`'s target compares with). */
    level: number,
  ): void {
    this.handlers.push(start, end, kind, tag, dst, target, exnSlot, level);
  }

  /** Arguments in consecutive home slots (see `prepareCall`); returns where they start. */
  private argumentsAt(type: FuncType): number {
    const first = this.vLoc.length - type.params.length;
    this.materializeFrom(first);
    const base = this.home(first);
    for (let i = 0; i < type.params.length; i++) this.pop();
    return base;
  }

  /** After a tail call of a host function (which runs as a call): return its results. */
  private returnCallResults(type: FuncType): void {
    for (const t of type.results) this.pushResult(t);
    this.emitReturn();
  }
}
