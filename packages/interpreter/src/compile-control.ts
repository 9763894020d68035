import type { FuncType, GlobalType, MemoryType, TableType, ValType } from "@microwasm/core";
import type { ValidatedFunction } from "@microwasm/validator";
import { PeepholeCompiler } from "./compile-peephole.js";
import { Internal, SLOT } from "./internal-ops.js";
import { Wasm } from "./wasm-ops.js";

/** What the compiler needs to know about the module a body belongs to. */
export interface ModuleShape {
  readonly types: readonly FuncType[];
  readonly funcTypes: readonly FuncType[];
  readonly globals: readonly GlobalType[];
  readonly tables: readonly TableType[];
  /** The memory index space's types (imports first). */
  readonly memories: readonly MemoryType[];
}

export const enumKind = { block: 0, loop: 1, if: 2, else: 3, func: 4 } as const;
type FrameKind = (typeof enumKind)[keyof typeof enumKind];

export const noTypes: readonly ValType[] = [];
/** `[t]` for each value type byte `t` (block types of one result), shared rather than allocated. */
const singleTypes: readonly (readonly ValType[])[] = Array.from({ length: 0x80 }, (_, t) => [t as ValType]);

/** A block being compiled. Objects are reused from one block to the next (see `FramePool`). */
class ControlFrame {
  kind: FrameKind = enumKind.block;
  /** Operand height below the block's parameters. */
  height = 0;
  params: readonly ValType[] = noTypes;
  results: readonly ValType[] = noTypes;
  /** For loops: the pc of the loop head, the target of branches to it. */
  loopPc = -1;
  /** For loops: the wasm instruction number of the loop head (to weigh back-edges). */
  loopInstr = -1;
  /**
   * The last code position holding a jump target to patch with the block's end pc, or -1; each
   * such position holds the previous one until patched (a chain through the code, no array).
   */
  fixups = -1;
  /** For `if`: the code position of the jump to patch with the else (or end) pc. */
  elseFixup = -1;
  /** For `if` with parameters: first save slot holding the parameters for the else branch. */
  saveSlot = -1;
  /** True after the then-branch of an `if` has been closed by `else`. */
  sawElse = false;
}

/** Control frames, reused by every function compiled. */
const framePool: ControlFrame[] = [];

/** `if` blocks with parameters keep them in save slots for the else branch (see `if`). */
function saveSlotsOf(fn: ValidatedFunction, types: readonly FuncType[]): number {
  if (!fn.hasBlockParams) return 0;
  const { ops, starts, count } = fn.code;
  let slots = 0;
  for (let n = 0; n < count; n++) {
    const at = starts[n]!;
    if (ops[at] === Wasm.if && ops[at + 1]! >= 0) slots += types[ops[at + 1]!]!.params.length;
  }
  return slots;
}

/**
 * Control frames (blocks, loops, ifs, the function) and their fix-ups: the jumps to a block's
 * end are chained through the code and patched when the end is reached; branches copy their
 * values to the label's slots; back-edges are weighed for fuel.
 */
export class ControlCompiler extends PeepholeCompiler {
  /** The control stack: `frames[0 .. frameCount)`, objects reused across blocks and functions. */
  protected readonly frames: ControlFrame[] = framePool;
  protected frameCount = 0;
  protected nextSaveSlot: number;
  /** Number of the wasm instruction being translated. */
  protected instr = 0;

  constructor(
    protected readonly fn: ValidatedFunction,
    protected readonly shape: ModuleShape,
  ) {
    super(fn.locals, fn.locals.length + saveSlotsOf(fn, shape.types));
    this.nextSaveSlot = fn.locals.length;
  }

  protected blockParams(blockType: number): readonly ValType[] {
    return blockType >= 0 ? this.shape.types[blockType]!.params : noTypes;
  }

  protected blockResults(blockType: number): readonly ValType[] {
    if (blockType >= 0) return this.shape.types[blockType]!.results;
    if (blockType === -64) return noTypes;
    return singleTypes[blockType & 0x7f]!;
  }

  protected labelTypes(frame: ControlFrame): readonly ValType[] {
    return frame.kind === enumKind.loop ? frame.params : frame.results;
  }

  /** Emits the copies that move the top `types.length` values to `frame`'s label slots. */
  protected emitBranchCopies(frame: ControlFrame): void {
    const types = this.labelTypes(frame);
    const first = this.vLoc.length - types.length;
    for (let i = 0; i < types.length; i++) {
      this.emitCopy(types[i]!, this.home(frame.height + i), this.vLoc[first + i]!);
    }
  }

  protected branchNeedsCopies(frame: ControlFrame): boolean {
    const n = this.labelTypes(frame).length;
    const first = this.vLoc.length - n;
    for (let i = 0; i < n; i++) if (this.vLoc[first + i] !== this.home(frame.height + i)) return true;
    return false;
  }

  /**
   * Emits an unconditional jump to `frame`'s label. Back-edges to a loop head spend fuel, weighed
   * by the wasm instructions of the loop body, so metering costs nothing on forward jumps.
   */
  protected emitJump(frame: ControlFrame): void {
    if (frame.kind === enumKind.loop) {
      this.emit3(Internal.brLoop, frame.loopPc, this.loopWeight(frame));
    } else {
      this.emit2(Internal.br, -1);
      this.addFixup(frame, this.out.length - 1);
    }
  }

  /** Emits a jump to `frame`'s label taken when the i32 at `cond` is non-zero. */
  protected emitJumpIf(cond: number, frame: ControlFrame): void {
    if (frame.kind === enumKind.loop) {
      this.emitCondBranch(cond, false, frame.loopPc, this.loopWeight(frame));
    } else {
      this.addFixup(frame, this.emitCondBranch(cond, false, -1, 0));
    }
  }

  protected addFixup(frame: ControlFrame, at: number): void {
    this.out.patch(at, frame.fixups);
    frame.fixups = at;
  }

  protected patchFixups(frame: ControlFrame, end: number): void {
    for (let at = frame.fixups; at >= 0; ) {
      const previous = this.out.at(at);
      this.out.patch(at, end);
      at = previous;
    }
  }

  protected loopWeight(frame: ControlFrame): number {
    return Math.max(1, this.instr - frame.loopInstr);
  }

  protected frameAt(depth: number): ControlFrame {
    return this.frames[this.frameCount - 1 - depth]!;
  }

  /** Copies the top results to the frame's first slots and returns. */
  protected emitReturn(): void {
    const results = this.fn.type.results;
    const first = this.vLoc.length - results.length;
    if (results.length === 1) {
      // A result just computed goes straight to slot 0, as `local.set` does with locals.
      const computedAt = this.resultPosOf(first);
      if (computedAt >= 0) this.out.patch(computedAt, 0);
      else this.emitCopy(results[0]!, 0, this.vLoc[first]!);
    } else {
      // Sources may be locals that are also destinations: bring them home first.
      this.materializeFrom(first);
      for (let i = 0; i < results.length; i++) this.emitCopy(results[i]!, i * SLOT, this.home(first + i));
    }
    this.emit1(Internal.return);
  }

  protected enterBlock(kind: FrameKind, blockType: number, elseFixup: number, saveSlot: number): void {
    const params = this.blockParams(blockType);
    const loopPc = kind === enumKind.loop ? this.markLabel() : -1;
    const height = this.vLoc.length - params.length;
    this.pushFrame(kind, height, params, this.blockResults(blockType), loopPc, elseFixup, saveSlot);
  }

  protected pushFrame(
    kind: FrameKind,
    height: number,
    params: readonly ValType[],
    results: readonly ValType[],
    loopPc: number,
    elseFixup: number,
    saveSlot: number,
  ): void {
    if (this.frameCount === this.frames.length) this.frames.push(new ControlFrame());
    const frame = this.frames[this.frameCount++]!;
    frame.kind = kind;
    frame.height = height;
    frame.params = params;
    frame.results = results;
    frame.loopPc = loopPc;
    frame.loopInstr = this.instr;
    frame.fixups = -1;
    frame.elseFixup = elseFixup;
    frame.saveSlot = saveSlot;
    frame.sawElse = false;
  }

  /** Handles `else` and `end`; `wasDead` when the code before it is unreachable. */
  protected closeBlock(op: number, wasDead: boolean): void {
    const frame = this.frames[this.frameCount - 1]!;
    if (op === Wasm.end && frame.kind === enumKind.func && frame.fixups < 0 && !wasDead) {
      // Falling off the end with no branch to it: return the results from where they are.
      this.frameCount--;
      this.emitReturn();
      return;
    }
    if (!wasDead) this.materializeFrom(frame.height);
    if (op === Wasm.else) {
      // End of the then-branch: jump over the else branch.
      if (!wasDead) {
        this.emit2(Internal.br, -1);
        this.addFixup(frame, this.out.length - 1);
      }
      this.out.patch(frame.elseFixup, this.markLabel());
      this.lastDst = -1; // a jump target: nothing before it may be fused with what follows
      frame.elseFixup = -1;
      frame.sawElse = true;
      for (let i = 0; i < frame.params.length; i++) {
        this.emitCopy(frame.params[i]!, this.home(frame.height + i), (frame.saveSlot + i) * SLOT);
      }
      this.resetStack(frame.height, frame.params);
      return;
    }
    // end
    this.frameCount--;
    if (frame.kind === enumKind.func) {
      if (frame.fixups >= 0) {
        this.patchFixups(frame, this.markLabel());
        this.lastDst = -1; // a jump target, see above
      }
      this.vLoc.length = 0;
      this.vType.length = 0;
      this.deferred = 0;
      for (const t of frame.results) this.pushResult(t);
      this.emitReturn();
      return;
    }
    const end = this.markLabel();
    this.patchFixups(frame, end);
    if (frame.elseFixup >= 0) this.out.patch(frame.elseFixup, end);
    this.lastDst = -1;
    this.resetStack(frame.height, frame.results);
  }
}
