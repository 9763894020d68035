import { ValType as T, type ValType } from "@microwasm/core";
import { CodeEmitter } from "./compile-emitter.js";
import { Internal, SLOT } from "./internal-ops.js";

export function isRef(type: number): boolean {
  return type === T.funcref || type === T.externref || type === T.exnref;
}
function copyOpFor(type: number): number {
  return type === T.v128 ? Internal.copyV128 : isRef(type) ? Internal.copyRef : Internal.copy;
}

/**
 * The compiler's operand stack, mirrored at compile time. Each entry knows where its value
 * lives: in its home slot (the operand slot of its height) or, for a `local.get` not yet
 * consumed, in the local's slot. Consumers read values where they are, so `local.get` costs
 * nothing; a deferred local is copied home only when it must be (before the local is
 * overwritten, at block boundaries and calls).
 */
export class OperandStack extends CodeEmitter {
  protected readonly locals: readonly ValType[];
  /** The first operand slot (after the locals and the save slots of `if` parameters). */
  protected readonly operandBase: number;
  /** Compile-time operand stack: where each value lives (cell offset) and its type. */
  protected readonly vLoc: number[] = [];
  protected readonly vType: ValType[] = [];
  /** Entries not in their home slot. */
  protected deferred = 0;
  protected maxHeight = 0;

  constructor(locals: readonly ValType[], operandBase: number) {
    super();
    this.locals = locals;
    this.operandBase = operandBase;
  }

  protected home(height: number): number {
    return (this.operandBase + height) * SLOT;
  }

  /** Pushes a result slot for an instruction about to be emitted; returns its cell offset. */
  protected pushResult(type: ValType): number {
    const h = this.vLoc.length;
    const loc = this.home(h);
    this.vLoc.push(loc);
    this.vType.push(type);
    if (h + 1 > this.maxHeight) this.maxHeight = h + 1;
    return loc;
  }

  /**
   * When the value at height `h` was computed by the last emitted instruction (it lives in its
   * home slot and that instruction just wrote the slot), the code position of that instruction's
   * destination operand, which may be patched to compute the value elsewhere; else -1. Other
   * values may have been computed (and dropped) since the one at `h`: only a check of where the
   * last result went tells whether it is this one (issue 11).
   */
  protected resultPosOf(h: number): number {
    const loc = this.vLoc[h]!;
    return loc === this.home(h) && this.lastProducerOf(loc) >= 0 ? this.lastDst : -1;
  }

  /** Pushes a value that already is at `loc` (a local's slot or its own home), as `local.get` does. */
  protected pushAt(loc: number, type: ValType): void {
    const h = this.vLoc.length;
    this.vLoc.push(loc);
    this.vType.push(type);
    if (h + 1 > this.maxHeight) this.maxHeight = h + 1;
    if (loc !== this.home(h)) this.deferred++;
  }

  protected pop(): number {
    const h = this.vLoc.length - 1;
    const loc = this.vLoc.pop()!;
    this.vType.pop();
    if (loc !== this.home(h)) this.deferred--;
    return loc;
  }

  protected pushLocal(index: number): void {
    const h = this.vLoc.length;
    const loc = index * SLOT;
    this.vLoc.push(loc);
    this.vType.push(this.locals[index]!);
    if (h + 1 > this.maxHeight) this.maxHeight = h + 1;
    if (loc !== this.home(h)) this.deferred++;
  }

  protected emitCopy(type: number, dst: number, src: number): void {
    if (dst === src) return;
    const op = copyOpFor(type);
    const start = this.lastStart;
    if (op === Internal.copy && this.labelAt !== this.out.length) {
      // Numeric copies in a row (the moves at a loop's end, a call's arguments): one copyN.
      const last = this.out.at(start);
      if (last === Internal.copy && start + 3 === this.out.length) {
        const d1 = this.out.at(start + 1);
        const s1 = this.out.at(start + 2);
        this.rewind(start);
        this.out.push(Internal.copyN, 2, d1);
        this.out.push(s1, dst, src);
        this.lastDst = -1;
        return;
      }
      if (last === Internal.copyN && start + 2 + 2 * this.out.at(start + 1) === this.out.length) {
        this.out.patch(start + 1, this.out.at(start + 1) + 1);
        this.out.push(dst, src);
        return;
      }
    }
    this.emit3(op, dst, src);
  }

  /** Moves the value at height `h` into its home slot. */
  protected materializeAt(h: number): void {
    const home = this.home(h);
    const loc = this.vLoc[h]!;
    if (loc === home) return;
    this.emitCopy(this.vType[h]!, home, loc);
    this.vLoc[h] = home;
    this.deferred--;
  }

  /** Moves the values from height `from` up into their home slots. */
  protected materializeFrom(from: number): void {
    if (this.deferred === 0) return;
    for (let h = from; h < this.vLoc.length; h++) this.materializeAt(h);
  }

  /** Before local `index` changes: stack entries still reading it get their own copy. */
  protected materializeLocal(index: number): void {
    if (this.deferred === 0) return;
    const loc = index * SLOT;
    for (let h = 0; h < this.vLoc.length; h++) if (this.vLoc[h] === loc) this.materializeAt(h);
  }

  /**
   * Drops the entries above `height` without emitting code (they are consumed or dead: at a
   * block's end everything above its base was materialized or is unreachable), then pushes
   * `types` in their home slots.
   */
  protected resetStack(height: number, types: readonly ValType[]): void {
    for (let h = height; h < this.vLoc.length; h++) if (this.vLoc[h] !== this.home(h)) this.deferred--;
    // pop rather than `length =`, which is a slow runtime call in V8
    while (this.vLoc.length > height) {
      this.vLoc.pop();
      this.vType.pop();
    }
    for (const t of types) this.pushResult(t);
  }
}
