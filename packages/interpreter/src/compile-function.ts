import {
  type FuncType,
  type GlobalType,
  instructionWords,
  opcodeById,
  PREFIX_FD_BASE,
  ValType as T,
  type TableType,
  type ValType,
} from "@microwasm/core";
import type { ValidatedFunction } from "@microwasm/validator";
import { CodeBuilder } from "./code-builder.js";
import type { CompiledFunction } from "./compiled-function.js";
import { Internal, SLOT } from "./internal-ops.js";
import { simdImmediates } from "./simd/simd-code.js";
import {
  chainedForm,
  chosen,
  countedForm,
  fusedBranch,
  i32ImmediateForm,
  i32Swapped,
  i64ImmediateForm,
  isI32Identity,
  loadAtOf,
  storeAtOf,
} from "./superinstructions.js";

/** What the compiler needs to know about the module a body belongs to. */
export interface ModuleShape {
  readonly types: readonly FuncType[];
  readonly funcTypes: readonly FuncType[];
  readonly globals: readonly GlobalType[];
  readonly tables: readonly TableType[];
}

const enumKind = { block: 0, loop: 1, if: 2, else: 3, func: 4 } as const;
type FrameKind = (typeof enumKind)[keyof typeof enumKind];

const noTypes: readonly ValType[] = [];
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

const sigTypes: Record<string, ValType> = { i: T.i32, I: T.i64, f: T.f32, F: T.f64, v: T.v128 };

/** Operator shapes of table-driven ops, precomputed from the opcode table's signatures. */
const Shape = { special: 0, unary: 1, binary: 2, load: 3, store: 4, nullary: 5, simd: 6 } as const;
const opShape = new Uint8Array(0x400);
const opResult = new Uint8Array(0x400);
/** Operand count of SIMD ops. */
const opParams = new Uint8Array(0x400);
function computeShapes(): void {
  for (let id = 0; id < 0x400; id++) {
    const info = opcodeById(id);
    if (!info?.sig) continue;
    const [params = "", results = ""] = info.sig.split(">");
    opResult[id] = results ? sigTypes[results]! : 0;
    opParams[id] = params.length;
    if (info.prefix === 0xfd) opShape[id] = Shape.simd;
    else if (info.imm === "memarg") opShape[id] = results ? Shape.load : Shape.store;
    else if (info.imm !== "none" || results.length !== 1) continue;
    else if (params.length === 1) opShape[id] = Shape.unary;
    else if (params.length === 2) opShape[id] = Shape.binary;
    else if (params.length === 0) opShape[id] = Shape.nullary;
  }
}
computeShapes();

function isRef(type: number): boolean {
  return type === T.funcref || type === T.externref;
}
function copyOpFor(type: number): number {
  return type === T.v128 ? Internal.copyV128 : isRef(type) ? Internal.copyRef : Internal.copy;
}

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
  readonly paramCount: number;
  readonly localCount: number;
  readonly localIsRef: Uint8Array;
  readonly name: string | undefined;
  private readonly fn: ValidatedFunction;
  private readonly shape: ModuleShape;
  private pairs: Int32Array | null = null;

  constructor(
    fn: ValidatedFunction,
    shape: ModuleShape,
    code: Int32Array,
    frameSlots: number,
    localIsRef: Uint8Array,
    name: string | undefined,
  ) {
    this.funcIndex = fn.funcIndex;
    this.type = fn.type;
    this.code = code;
    this.frameSlots = frameSlots;
    this.paramCount = fn.type.params.length;
    this.localCount = localIsRef.length;
    this.localIsRef = localIsRef;
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

/** Control frames, reused by every function compiled (as the buffers below). */
const framePool: ControlFrame[] = [];

// Reused by every function compiled (compilation is synchronous and not re-entrant), so only the
// finished code is allocated: allocation and GC were a third of loading time.
const codeScratch = new CodeBuilder(1 << 14);
const offsetScratch = new CodeBuilder(1 << 14);

class FunctionCompiler {
  private readonly out: CodeBuilder;
  private readonly pcOffsets: CodeBuilder;
  private readonly locals: readonly ValType[];
  private readonly operandBase: number;
  /** Compile-time operand stack: where each value lives (cell offset) and its type. */
  private readonly vLoc: number[] = [];
  private readonly vType: ValType[] = [];
  private deferred = 0;
  /** The control stack: `frames[0 .. frameCount)`, objects reused across blocks and functions. */
  private readonly frames: ControlFrame[] = framePool;
  private frameCount = 0;
  private nextSaveSlot: number;
  private maxHeight = 0;
  /** Position of the destination operand of the last emitted instruction, while retargetable. */
  private lastDst = -1;
  private lastEnd = -1;
  /** Where the last emitted instruction starts (for the superinstruction peepholes). */
  private lastStart = -1;
  /**
   * The lowest code position the current wasm instruction's translation truncated the code to
   * (fusing earlier instructions into its own), or -1; see `moveEntryBack`.
   */
  private rewoundTo = -1;
  /** Set by a fusion whose trap belongs to the instruction it absorbed (a load), not to itself. */
  private offsetFromProducer = false;
  /** Where the instruction before the last one starts (-1 when unknown). */
  private prevStart = -1;
  /** The code position of the latest jump target: no instruction is fused across it. */
  private labelAt = -1;
  /** Number of the wasm instruction being translated. */
  private instr = 0;

  constructor(
    private readonly fn: ValidatedFunction,
    private readonly shape: ModuleShape,
    /** The body's instruction offsets, to record (pc, offset) pairs with; null to record none. */
    private readonly offsets: Uint32Array | null,
  ) {
    this.out = codeScratch;
    this.out.reset();
    this.pcOffsets = offsetScratch;
    this.pcOffsets.reset();
    this.locals = fn.locals;
    this.nextSaveSlot = this.locals.length;
    this.operandBase = this.locals.length + this.countSaveSlots();
  }

  /** `if` blocks with parameters keep them in save slots for the else branch (see `if`). */
  private countSaveSlots(): number {
    if (!this.fn.hasBlockParams) return 0;
    const { ops, starts, count } = this.fn.code;
    let slots = 0;
    for (let n = 0; n < count; n++) {
      const at = starts[n]!;
      if (ops[at] === 0x04) slots += this.blockParams(ops[at + 1]!).length;
    }
    return slots;
  }

  private home(height: number): number {
    return (this.operandBase + height) * SLOT;
  }

  compile(name: string | undefined): CompiledFunction {
    this.translateBody();
    const frameSlots = this.operandBase + Math.max(this.maxHeight, this.fn.maxHeight) + 1;
    const localIsRef = new Uint8Array(this.locals.length);
    for (let i = 0; i < this.locals.length; i++) localIsRef[i] = isRef(this.locals[i]!) ? 1 : 0;
    return new CompiledBody(this.fn, this.shape, this.out.finish(), frameSlots, localIsRef, name);
  }

  /** The (pc, offset) pairs of the code `compile` emits for this body (see `CompiledBody`). */
  pcOffsetPairs(): Int32Array {
    this.translateBody();
    this.out.reset();
    return this.pcOffsets.finish();
  }

  private translateBody(): void {
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
        if (op === 0x02 || op === 0x03 || op === 0x04) deadDepth++;
        else if (op === 0x0b && deadDepth > 0) deadDepth--;
        else if ((op === 0x0b || op === 0x05) && deadDepth === 0) {
          dead = false;
          if (offsets !== null) this.pcOffsets.push(this.out.length, offsets[n]!);
          this.closeBlock(op, true);
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

  // ---- emission helpers ----

  private emit1(a: number): void {
    this.begin();
    this.out.push1(a);
    this.lastDst = -1;
  }
  private emit2(a: number, b: number): void {
    this.begin();
    this.out.push(a, b);
    this.lastDst = -1;
  }
  private emit3(a: number, b: number, c: number): void {
    this.begin();
    this.out.push(a, b, c);
    this.lastDst = -1;
  }
  private emit4(a: number, b: number, c: number, d: number): void {
    this.begin();
    this.out.push(a, b, c);
    this.out.push1(d);
    this.lastDst = -1;
  }
  private emit5(a: number, b: number, c: number, d: number, e: number): void {
    this.begin();
    this.out.push(a, b, c);
    this.out.push(d, e);
    this.lastDst = -1;
  }
  private emitN(values: readonly number[]): void {
    this.begin();
    for (const v of values) this.out.push1(v);
    this.lastDst = -1;
  }

  /** Pushes a result slot for an instruction about to be emitted; returns its cell offset. */
  private pushResult(type: ValType): number {
    const h = this.vLoc.length;
    const loc = this.home(h);
    this.vLoc.push(loc);
    this.vType.push(type);
    if (h + 1 > this.maxHeight) this.maxHeight = h + 1;
    return loc;
  }
  /** Marks the instruction just emitted, whose destination is at `dstPos`, as retargetable. */
  private markResult(dstPos: number): void {
    this.lastDst = dstPos;
    this.lastEnd = this.out.length;
  }
  /**
   * The opcode of the last emitted instruction when it is the one that just computed the value
   * at `loc` (so it may be fused into its consumer), else -1.
   */
  private lastProducerOf(loc: number): number {
    if (this.lastDst < 0 || this.lastEnd !== this.out.length || this.labelAt === this.out.length) return -1;
    return this.out.at(this.lastDst) === loc ? this.out.at(this.lastStart) : -1;
  }
  /**
   * When the value at height `h` was computed by the last emitted instruction (it lives in its
   * home slot and that instruction just wrote the slot), the code position of that instruction's
   * destination operand, which may be patched to compute the value elsewhere; else -1. Other
   * values may have been computed (and dropped) since the one at `h`: only a check of where the
   * last result went tells whether it is this one (issue 11).
   */
  private resultPosOf(h: number): number {
    const loc = this.vLoc[h]!;
    return loc === this.home(h) && this.lastProducerOf(loc) >= 0 ? this.lastDst : -1;
  }
  /** Records that the current position is a jump target; returns it. */
  private markLabel(): number {
    this.labelAt = this.out.length;
    return this.labelAt;
  }
  /** Removes the last instruction (after its operands were read for a fused replacement). */
  private dropLast(): void {
    this.rewind(this.lastStart);
    this.lastStart = this.prevStart;
    this.prevStart = -1;
    this.lastDst = -1;
  }
  /** Drops the code from `at` on (instructions being fused into a new one). */
  private rewind(at: number): void {
    this.out.truncate(at);
    if (this.rewoundTo < 0 || at < this.rewoundTo) this.rewoundTo = at;
  }

  /**
   * After a fusion the instruction's code starts where the absorbed instructions' did: their
   * (pc, offset) entries go, and this instruction's entry moves to that pc, so a trap inside
   * the fused code reports the wasm instruction that traps (the consumer: a load, a branch
   * spending fuel; or the absorbed load when `offsetFromProducer`).
   */
  private moveEntryBack(): void {
    const entries = this.pcOffsets;
    const at = this.rewoundTo;
    let offset = entries.at(entries.length - 1);
    if (entries.at(entries.length - 2) <= at) return;
    entries.truncate(entries.length - 2);
    let producer = -1;
    while (entries.length >= 2 && entries.at(entries.length - 2) >= at) {
      producer = entries.at(entries.length - 1);
      entries.truncate(entries.length - 2);
    }
    if (this.offsetFromProducer && producer >= 0) offset = producer;
    entries.push(at, offset);
  }

  /** Starts emitting an instruction. */
  private begin(): void {
    this.prevStart = this.lastStart;
    this.lastStart = this.out.length;
  }

  /**
   * For an i32 binary `op` of `a` and `b` where one is a constant just emitted that folds into
   * an immediate (see superinstructions.ts): the other operand's location, with the immediate
   * form in `chosen`; else -1.
   */
  private i32ImmediateOperand(op: number, a: number, b: number): number {
    const start = this.lastStart;
    if (this.lastProducerOf(b) === 0x41) return i32ImmediateForm(op, this.out.at(start + 2)) ? a : -1;
    if (this.lastProducerOf(a) === 0x41) {
      const swapped = i32Swapped(op);
      return swapped !== null && i32ImmediateForm(swapped, this.out.at(start + 2)) ? b : -1;
    }
    return -1;
  }

  /**
   * Emits `dst = a op b` with an i64 constant `b` just emitted folded in as an immediate (see
   * superinstructions.ts); returns false when no rule applies.
   */
  private emitWithI64Immediate(op: number, dst: number, a: number, b: number): boolean {
    if (this.lastProducerOf(b) !== 0x42) return false;
    const start = this.lastStart;
    const lo = this.out.at(start + 2);
    const hi = this.out.at(start + 3);
    if (op === 0x7e) {
      // i64.mul by a constant: the constant is still written to its (dead) slot, by the same
      // instruction, so the multiply stays the one-machine-instruction BigInt64Array product
      this.dropLast();
      this.emit5(Internal.i64MulImm, dst, a, b, lo);
      this.out.push1(hi);
      return true;
    }
    if (!i64ImmediateForm(op, lo, hi)) return false;
    this.dropLast();
    this.emit5(chosen.op, dst, a, chosen.x, chosen.y);
    return true;
  }

  /**
   * A binary op whose operand the instruction just before computed, for the pairs that chain in
   * arithmetic code (see `chainedForm`), and `f64.mul` of a value just loaded (f64.mul_load_at).
   * Returns false when none applies.
   */
  private emitChained(op: number, dst: number, a: number, b: number): boolean {
    if (op !== 0xa0 && op !== 0xa2 && op !== 0x6a && op !== 0x71) return false;
    const start = this.lastStart;
    let other: number;
    let producer = this.lastProducerOf(b);
    if (producer >= 0) {
      other = a;
    } else {
      producer = this.lastProducerOf(a);
      other = b;
    }
    const fused = chainedForm(op, producer);
    if (op === 0xa2 && producer === Internal.f64LoadAt) {
      // f64.mul by a value just loaded from base + c: [op, dst, a, base, offset, c]
      const base = this.out.at(start + 2);
      const offset = this.out.at(start + 3);
      const c = this.out.at(start + 4);
      this.dropLast();
      this.offsetFromProducer = true; // only the load can trap
      this.emit5(Internal.f64MulLoadAt, dst, other, base, offset);
      this.out.push1(c);
      return true;
    }
    if (fused < 0) return false;
    const x = this.out.at(start + 2);
    const y = this.out.at(start + 3);
    this.dropLast();
    this.emit5(fused, dst, other, x, y);
    return true;
  }

  /**
   * Emits a conditional jump to `target` taken when the i32 at `cond` is non-zero (zero when
   * `negate`), spending `weight` fuel when taken (back-edges only). A compare or `i32.eqz` that
   * just computed `cond` is fused into the branch. Returns the code position of the target.
   */
  private emitCondBranch(cond: number, negate: boolean, target: number, weight: number): number {
    const producer = this.lastProducerOf(cond);
    if (producer === 0x45) {
      // i32.eqz: branch on its operand with the sense flipped
      const operand = this.out.at(this.lastStart + 2);
      this.dropLast();
      return this.emitCondBranch(operand, !negate, target, weight);
    }
    if (producer >= 0) {
      const start = this.lastStart;
      if (fusedBranch(producer, this.out.at(start + 2), this.out.at(start + 3), negate)) {
        const { op, x, y } = chosen;
        this.dropLast();
        if (this.emitCountedBranch(op, x, y, target, weight)) return this.out.length - 2;
        this.emit5(op, x, y, target, weight);
        return this.out.length - 2;
      }
    }
    if (weight > 0) {
      this.emit4(negate ? Internal.brUnlessLoop : Internal.brIfLoop, cond, target, weight);
      return this.out.length - 2;
    }
    this.emit3(negate ? Internal.brUnless : Internal.brIf, cond, target);
    return this.out.length - 1;
  }

  /**
   * A loop counter's step and test as one instruction: an `i32.add` into x (of a constant or a
   * register) just before a compare-and-branch on x becomes [op, x, a, b, other, target, weight]
   * (see `countedForm`). Returns false when the code does not have that shape.
   */
  private emitCountedBranch(op: number, x: number, y: number, target: number, weight: number): boolean {
    const start = this.lastStart;
    if (start < 0 || start + 4 !== this.out.length || this.labelAt === this.out.length) return false;
    const add = this.out.at(start);
    if (add !== Internal.i32AddImm && add !== 0x6a) return false;
    const dst = this.out.at(start + 1);
    let other: number;
    if (x === dst) other = y;
    else if ((op === Internal.brIfNe || op === Internal.brIfEq) && y === dst) other = x;
    else return false;
    const fused = countedForm(add, op);
    if (fused < 0) return false;
    const a = this.out.at(start + 2);
    const b = this.out.at(start + 3);
    this.rewind(start);
    this.lastStart = start;
    this.out.push(fused, dst, a);
    this.out.push(b, other, target);
    this.out.push1(weight);
    this.lastDst = -1;
    return true;
  }

  /** Pushes a value that already is at `loc` (a local's slot or its own home), as `local.get` does. */
  private pushAt(loc: number, type: ValType): void {
    const h = this.vLoc.length;
    this.vLoc.push(loc);
    this.vType.push(type);
    if (h + 1 > this.maxHeight) this.maxHeight = h + 1;
    if (loc !== this.home(h)) this.deferred++;
  }

  private pop(): number {
    const h = this.vLoc.length - 1;
    const loc = this.vLoc.pop()!;
    this.vType.pop();
    if (loc !== this.home(h)) this.deferred--;
    return loc;
  }

  private pushLocal(index: number): void {
    const h = this.vLoc.length;
    const loc = index * SLOT;
    this.vLoc.push(loc);
    this.vType.push(this.locals[index]!);
    if (h + 1 > this.maxHeight) this.maxHeight = h + 1;
    if (loc !== this.home(h)) this.deferred++;
  }

  private emitCopy(type: number, dst: number, src: number): void {
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
  private materializeAt(h: number): void {
    const home = this.home(h);
    const loc = this.vLoc[h]!;
    if (loc === home) return;
    this.emitCopy(this.vType[h]!, home, loc);
    this.vLoc[h] = home;
    this.deferred--;
  }
  /** Moves the values from height `from` up into their home slots. */
  private materializeFrom(from: number): void {
    if (this.deferred === 0) return;
    for (let h = from; h < this.vLoc.length; h++) this.materializeAt(h);
  }
  /** Before local `index` changes: stack entries still reading it get their own copy. */
  private materializeLocal(index: number): void {
    if (this.deferred === 0) return;
    const loc = index * SLOT;
    for (let h = 0; h < this.vLoc.length; h++) if (this.vLoc[h] === loc) this.materializeAt(h);
  }

  /**
   * Drops the entries above `height` without emitting code (they are consumed or dead: at a
   * block's end everything above its base was materialized or is unreachable), then pushes
   * `types` in their home slots.
   */
  private resetStack(height: number, types: readonly ValType[]): void {
    for (let h = height; h < this.vLoc.length; h++) if (this.vLoc[h] !== this.home(h)) this.deferred--;
    // pop rather than `length =`, which is a slow runtime call in V8
    while (this.vLoc.length > height) {
      this.vLoc.pop();
      this.vType.pop();
    }
    for (const t of types) this.pushResult(t);
  }

  private blockParams(blockType: number): readonly ValType[] {
    return blockType >= 0 ? this.shape.types[blockType]!.params : noTypes;
  }
  private blockResults(blockType: number): readonly ValType[] {
    if (blockType >= 0) return this.shape.types[blockType]!.results;
    if (blockType === -64) return noTypes;
    return singleTypes[blockType & 0x7f]!;
  }

  private labelTypes(frame: ControlFrame): readonly ValType[] {
    return frame.kind === enumKind.loop ? frame.params : frame.results;
  }

  /** Emits the copies that move the top `types.length` values to `frame`'s label slots. */
  private emitBranchCopies(frame: ControlFrame): void {
    const types = this.labelTypes(frame);
    const first = this.vLoc.length - types.length;
    for (let i = 0; i < types.length; i++) {
      this.emitCopy(types[i]!, this.home(frame.height + i), this.vLoc[first + i]!);
    }
  }
  private branchNeedsCopies(frame: ControlFrame): boolean {
    const n = this.labelTypes(frame).length;
    const first = this.vLoc.length - n;
    for (let i = 0; i < n; i++) if (this.vLoc[first + i] !== this.home(frame.height + i)) return true;
    return false;
  }
  /**
   * Emits an unconditional jump to `frame`'s label. Back-edges to a loop head spend fuel, weighed
   * by the wasm instructions of the loop body, so metering costs nothing on forward jumps.
   */
  private emitJump(frame: ControlFrame): void {
    if (frame.kind === enumKind.loop) {
      this.emit3(Internal.brLoop, frame.loopPc, this.loopWeight(frame));
    } else {
      this.emit2(Internal.br, -1);
      this.addFixup(frame, this.out.length - 1);
    }
  }
  /** Emits a jump to `frame`'s label taken when the i32 at `cond` is non-zero. */
  private emitJumpIf(cond: number, frame: ControlFrame): void {
    if (frame.kind === enumKind.loop) {
      this.emitCondBranch(cond, false, frame.loopPc, this.loopWeight(frame));
    } else {
      this.addFixup(frame, this.emitCondBranch(cond, false, -1, 0));
    }
  }
  private addFixup(frame: ControlFrame, at: number): void {
    this.out.patch(at, frame.fixups);
    frame.fixups = at;
  }
  private patchFixups(frame: ControlFrame, end: number): void {
    for (let at = frame.fixups; at >= 0; ) {
      const previous = this.out.at(at);
      this.out.patch(at, end);
      at = previous;
    }
  }
  private loopWeight(frame: ControlFrame): number {
    return Math.max(1, this.instr - frame.loopInstr);
  }
  private frameAt(depth: number): ControlFrame {
    return this.frames[this.frameCount - 1 - depth]!;
  }

  /** Copies the top results to the frame's first slots and returns. */
  private emitReturn(): void {
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

  // ---- blocks ----

  private enterBlock(kind: FrameKind, blockType: number, elseFixup: number, saveSlot: number): void {
    const params = this.blockParams(blockType);
    const loopPc = kind === enumKind.loop ? this.markLabel() : -1;
    const height = this.vLoc.length - params.length;
    this.pushFrame(kind, height, params, this.blockResults(blockType), loopPc, elseFixup, saveSlot);
  }

  private pushFrame(
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

  /** Handles `else` (0x05) and `end` (0x0b); `wasDead` when the code before it is unreachable. */
  private closeBlock(op: number, wasDead: boolean): void {
    const frame = this.frames[this.frameCount - 1]!;
    if (op === 0x0b && frame.kind === enumKind.func && frame.fixups < 0 && !wasDead) {
      // Falling off the end with no branch to it: return the results from where they are.
      this.frameCount--;
      this.emitReturn();
      return;
    }
    if (!wasDead) this.materializeFrom(frame.height);
    if (op === 0x05) {
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

  // ---- the translation of one instruction; returns true when what follows is unreachable ----

  private translate(op: number, ops: Int32Array, at: number): boolean {
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
        } else if ((op === 0x36 || op === 0x3a) && this.lastProducerOf(value) === 0x41) {
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
            const fused = op === 0x36 ? Internal.i32StoreImmAt : Internal.i32Store8ImmAt;
            this.emit5(fused, base, c, ops[at + 3]!, c2);
          } else {
            this.emit4(op === 0x36 ? Internal.i32StoreImm : Internal.i32Store8Imm, addr, c, ops[at + 3]!);
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
        this.emit1(0x00);
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
        if (op === 0x22) this.pushLocal(index);
        return false;
      }
      case 0x23: {
        // global.get
        const g = ops[at + 1]!;
        const type = this.shape.globals[g]!.type;
        const d = this.pushResult(type);
        const getOp = type === T.v128 ? Internal.globalGetV128 : isRef(type) ? Internal.globalGetRef : 0x23;
        this.emit3(getOp, d, g);
        this.markResult(this.out.length - 2);
        return false;
      }
      case 0x24: {
        // global.set
        const g = ops[at + 1]!;
        const type = this.shape.globals[g]!.type;
        const src = this.pop();
        const setOp = type === T.v128 ? Internal.globalSetV128 : isRef(type) ? Internal.globalSetRef : 0x24;
        this.emit3(setOp, g, src);
        return false;
      }
      case 0x25: {
        // table.get
        const t = ops[at + 1]!;
        const index = this.pop();
        const d = this.pushResult(this.shape.tables[t]!.elemType);
        this.emit4(0x25, d, t, index);
        this.markResult(this.out.length - 3);
        return false;
      }
      case 0x26: {
        // table.set
        const value = this.pop();
        const index = this.pop();
        this.emit4(0x26, ops[at + 1]!, index, value);
        return false;
      }
      case 0x3f: {
        // memory.size
        const d = this.pushResult(T.i32);
        this.emit2(0x3f, d);
        return false;
      }
      case 0x40: {
        // memory.grow
        const delta = this.pop();
        const d = this.pushResult(T.i32);
        this.emit3(0x40, d, delta);
        return false;
      }
      case 0x41:
      case 0x43: {
        // i32.const, f32.const
        const d = this.pushResult(op === 0x41 ? T.i32 : T.f32);
        this.emit3(op, d, ops[at + 1]!);
        this.markResult(this.out.length - 2);
        return false;
      }
      case 0x42:
      case 0x44: {
        // i64.const, f64.const
        const d = this.pushResult(op === 0x42 ? T.i64 : T.f64);
        this.emit4(op, d, ops[at + 1]!, ops[at + 2]!);
        this.markResult(this.out.length - 3);
        return false;
      }
      case 0xd0: {
        // ref.null
        const d = this.pushResult(ops[at + 1]! as ValType);
        this.emit2(0xd0, d);
        return false;
      }
      case 0xd1: {
        // ref.is_null
        const a = this.pop();
        const d = this.pushResult(T.i32);
        this.emit3(0xd1, d, a);
        this.markResult(this.out.length - 2);
        return false;
      }
      case 0xd2: {
        // ref.func
        const d = this.pushResult(T.funcref);
        this.emit3(0xd2, d, ops[at + 1]!);
        return false;
      }
      case 0x108: {
        // memory.init
        const len = this.pop();
        const src = this.pop();
        const dst = this.pop();
        this.emit5(0x108, ops[at + 1]!, dst, src, len);
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
        this.emit5(0x10f, d, ops[at + 1]!, init, delta);
        return false;
      }
      case 0x110: {
        // table.size
        const d = this.pushResult(T.i32);
        this.emit3(0x110, d, ops[at + 1]!);
        return false;
      }
      case 0x111: {
        // table.fill
        const count = this.pop();
        const value = this.pop();
        const index = this.pop();
        this.emit5(0x111, ops[at + 1]!, index, value, count);
        return false;
      }
      default:
        throw new Error(`interpreter: no translation for opcode ${opcodeById(op)?.name ?? op}`);
    }
  }

  /** [Internal.simd, sub-opcode, dst?, operands..., immediates...] (see simd/simd-code.ts). */
  private translateSimd(op: number, ops: Int32Array, at: number): void {
    const operands = new Array<number>(opParams[op]!);
    for (let i = operands.length - 1; i >= 0; i--) operands[i] = this.pop();
    const result = opResult[op]! as ValType | 0;
    const start = this.out.length;
    const head = [Internal.simd, op - PREFIX_FD_BASE];
    if (result !== 0) head.push(this.pushResult(result));
    this.emitN([...head, ...operands, ...simdImmediates(op, ops, at)]);
    if (result !== 0) this.markResult(start + 2);
  }

  /**
   * Arguments must sit in consecutive home slots; the callee's frame starts at the first one
   * (returned: the call's argBase) and leaves its results there (see `finishCall`).
   */
  private prepareCall(type: FuncType): number {
    const first = this.vLoc.length - type.params.length;
    this.materializeFrom(first);
    return this.home(first);
  }
  private finishCall(type: FuncType): void {
    for (let i = 0; i < type.params.length; i++) this.pop();
    for (const t of type.results) this.pushResult(t);
  }
}
