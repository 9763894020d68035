import { CodeBuilder } from "./code-builder.js";

// Reused by every function compiled (compilation is synchronous and not re-entrant), so only the
// finished code is allocated: allocation and GC were a third of loading time.
const codeScratch = new CodeBuilder(1 << 14);
const offsetScratch = new CodeBuilder(1 << 14);

/**
 * The compiler's first layer: emits internal code and keeps what the peephole rules need to know
 * about the last instructions (where they start, which slot the last one wrote, whether a jump
 * target intervenes), and the (pc, offset) pairs that map traps back to wasm instructions.
 * The layers above: operand stack, peephole rules, control frames, per-op translation.
 */
export class CodeEmitter {
  protected readonly out: CodeBuilder;
  protected readonly pcOffsets: CodeBuilder;
  /** Position of the destination operand of the last emitted instruction, while retargetable. */
  protected lastDst = -1;
  protected lastEnd = -1;
  /** Where the last emitted instruction starts (for the superinstruction peepholes). */
  protected lastStart = -1;
  /**
   * The lowest code position the current wasm instruction's translation truncated the code to
   * (fusing earlier instructions into its own), or -1; see `moveEntryBack`.
   */
  protected rewoundTo = -1;
  /** Set by a fusion whose trap belongs to the instruction it absorbed (a load), not to itself. */
  protected offsetFromProducer = false;
  /** Where the instruction before the last one starts (-1 when unknown). */
  protected prevStart = -1;
  /** The code position of the latest jump target: no instruction is fused across it. */
  protected labelAt = -1;

  constructor() {
    this.out = codeScratch;
    this.out.reset();
    this.pcOffsets = offsetScratch;
    this.pcOffsets.reset();
  }

  protected emit1(a: number): void {
    this.begin();
    this.out.push1(a);
    this.lastDst = -1;
  }

  protected emit2(a: number, b: number): void {
    this.begin();
    this.out.push(a, b);
    this.lastDst = -1;
  }

  protected emit3(a: number, b: number, c: number): void {
    this.begin();
    this.out.push(a, b, c);
    this.lastDst = -1;
  }

  protected emit4(a: number, b: number, c: number, d: number): void {
    this.begin();
    this.out.push(a, b, c);
    this.out.push1(d);
    this.lastDst = -1;
  }

  protected emit5(a: number, b: number, c: number, d: number, e: number): void {
    this.begin();
    this.out.push(a, b, c);
    this.out.push(d, e);
    this.lastDst = -1;
  }

  protected emitN(values: readonly number[]): void {
    this.begin();
    for (const v of values) this.out.push1(v);
    this.lastDst = -1;
  }

  /** Marks the instruction just emitted, whose destination is at `dstPos`, as retargetable. */
  protected markResult(dstPos: number): void {
    this.lastDst = dstPos;
    this.lastEnd = this.out.length;
  }

  /**
   * The opcode of the last emitted instruction when it is the one that just computed the value
   * at `loc` (so it may be fused into its consumer), else -1.
   */
  protected lastProducerOf(loc: number): number {
    if (this.lastDst < 0 || this.lastEnd !== this.out.length || this.labelAt === this.out.length) return -1;
    return this.out.at(this.lastDst) === loc ? this.out.at(this.lastStart) : -1;
  }

  /** Records that the current position is a jump target; returns it. */
  protected markLabel(): number {
    this.labelAt = this.out.length;
    return this.labelAt;
  }

  /** Removes the last instruction (after its operands were read for a fused replacement). */
  protected dropLast(): void {
    this.rewind(this.lastStart);
    this.lastStart = this.prevStart;
    this.prevStart = -1;
    this.lastDst = -1;
  }

  /** Drops the code from `at` on (instructions being fused into a new one). */
  protected rewind(at: number): void {
    this.out.truncate(at);
    if (this.rewoundTo < 0 || at < this.rewoundTo) this.rewoundTo = at;
  }

  /**
   * After a fusion the instruction's code starts where the absorbed instructions' did: their
   * (pc, offset) entries go, and this instruction's entry moves to that pc, so a trap inside
   * the fused code reports the wasm instruction that traps (the consumer: a load, a branch
   * spending fuel; or the absorbed load when `offsetFromProducer`).
   */
  protected moveEntryBack(): void {
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
  protected begin(): void {
    this.prevStart = this.lastStart;
    this.lastStart = this.out.length;
  }
}
