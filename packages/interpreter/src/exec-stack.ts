import { RuntimeError } from "@microwasm/core";
import type { FunctionInstance } from "./function-instance.js";
import type { LaneViews } from "./simd/lane-views.js";
import type { CellViews } from "./value-cells.js";
import type { Reference } from "./values.js";

/**
 * Fuel between checks when nothing is limited: about a millisecond of work, so the checks are
 * almost free. The interpreter also leaves and re-enters its loop at each check (execute.ts).
 */
const UNLIMITED_SLICE = 1 << 20;
/** Slots and frame records allocated at first: what a shallow run needs (the rest on demand). */
const INITIAL_SLOTS = 4096;
const INITIAL_FRAMES = 256;
/** Fuel between clock reads when a deadline is set (a few hundred microseconds of work). */
const TIMED_SLICE = 20_000;

export interface ExecutionLimits {
  /**
   * Fuel for the next run: roughly the wasm instructions it may execute (every back-edge of a
   * loop spends the size of the loop body, every call one). `Infinity` for no limit.
   */
  readonly instructions?: number;
  /** Wall-clock budget in milliseconds from now. `Infinity` for none. */
  readonly timeoutMs?: number;
}

export interface ExecStackOptions {
  /**
   * The most slots (16 bytes each) the value stack may use (default 1 Mi slots = 16 MiB). They
   * are allocated as they are first needed: a large bound costs nothing until code goes deep.
   */
  readonly slots?: number;
  /** Deepest wasm call nesting (default 20,000 frames; the frame records also grow on demand). */
  readonly maxDepth?: number;
  /**
   * Slots each suspended frame is charged besides its own (default 0): how an embedder makes a
   * stack size in bytes bound the depth the way WAMR's frames do, each with its header.
   */
  readonly frameOverheadSlots?: number;
  /**
   * Fuel per slice when no instruction limit or timeout is set (default 2^20, about a
   * millisecond of work): how often the interpreter checks for a terminate request and
   * re-enters its loop.
   */
  readonly fuelSlice?: number;
  /**
   * Calls that another tier's compiled code may nest on the JS stack (default 1,000): deeper
   * calls go on in the interpreter's loop, which does not grow the JS stack.
   */
  readonly compiledNesting?: number;
}

/**
 * The stack a thread of wasm execution runs on: one typed-array value stack shared by all
 * frames (frames overlap: a callee's frame starts at its caller's arguments) and the saved
 * (pc, fp, function) of each suspended caller.
 */
export class ExecStack implements CellViews, LaneViews {
  i32: Int32Array;
  f32: Float32Array;
  f64: Float64Array;
  /** Narrow views for SIMD lanes (see simd/lane-views.ts). */
  u8: Uint8Array;
  i8: Int8Array;
  u16: Uint16Array;
  i16: Int16Array;
  /** The same cells as 64-bit integers (for i64 mul, div_s and rem_s). */
  i64: BigInt64Array;
  refs: Reference[];
  /** @internal One past the last usable cell. */
  readonly limit: number;
  /** @internal Cells charged for each suspended frame (see `frameOverheadSlots`). */
  readonly frameOverhead: number;
  /** @internal One past the last allocated cell: the views grow up to `limit` (`reserve`). */
  capacity: number;
  /** @internal */
  readonly maxDepth: number;
  /**
   * @internal The depth from which another tier's compiled code calls through the interpreter:
   * `compiledNesting`, or `maxDepth` when lower (one test in compiled code covers both).
   */
  readonly nestingLimit: number;
  /** @internal The saved pc, frame and function of each suspended caller (grown by `reserveFrames`). */
  framePc: Int32Array;
  /** @internal */
  frameFp: Int32Array;
  /** @internal */
  frameFn: (FunctionInstance | null)[];
  /** @internal Number of suspended frames. */
  depth = 0;
  /** First free cell: where the next entry from the host places its frame. */
  top = 0;
  /**
   * @internal Where the interpreter goes on when it re-enters its loop after a fuel slice: the
   * running function, its pc and frame, and the number of suspended frames (see execute.ts).
   */
  resumeFn: FunctionInstance | null = null;
  /** @internal */
  resumePc = 0;
  /** @internal */
  resumeFp = 0;
  /** @internal */
  resumeDepth = 0;
  /**
   * @internal Fuel left before the interpreter calls `refuel`. The loop keeps it in a local and
   * writes it back here whenever it leaves (returns, throws, calls the host).
   */
  fuel = 0;
  /**
   * @internal Whether an instruction limit or a timeout is set. Without either, fuel only
   * carries terminate requests, which can only come from a host function (JS runs one thing at
   * a time): another tier may then run code without fuel checks that checks after host calls.
   */
  metered = false;
  private readonly unlimitedSlice: number;
  private slice = 0;
  private instructionBudget = Number.POSITIVE_INFINITY;
  private deadline = Number.POSITIVE_INFINITY;
  private terminateRequested = false;

  constructor(options: ExecStackOptions = {}) {
    const slots = Math.max(1, Math.floor(options.slots ?? 1 << 20));
    this.unlimitedSlice = Math.max(1, Math.floor(options.fuelSlice ?? UNLIMITED_SLICE));
    this.startSlice();
    this.limit = slots * 4;
    this.frameOverhead = Math.max(0, Math.floor(options.frameOverheadSlots ?? 0)) * 4;
    this.maxDepth = options.maxDepth ?? 20_000;
    this.nestingLimit = Math.min(this.maxDepth, Math.max(1, Math.floor(options.compiledNesting ?? 1000)));
    // Placeholders, replaced by the first allocation just below.
    this.i32 = this.u8 = this.i8 = this.u16 = this.i16 = this.f32 = this.f64 = this.i64 = null!;
    this.refs = [];
    this.capacity = 0;
    this.allocate(Math.min(slots, INITIAL_SLOTS) * 4);
    const frames = Math.min(this.maxDepth, INITIAL_FRAMES);
    this.framePc = new Int32Array(frames);
    this.frameFp = new Int32Array(frames);
    this.frameFn = new Array<FunctionInstance | null>(frames).fill(null);
  }

  /**
   * @internal Makes cells [0, end) usable: allocates larger views (doubling, at most `limit`)
   * and copies what is there. The loop then reloads its views (it compares them after a call).
   */
  reserve(end: number): void {
    if (end <= this.capacity) return;
    let cells = Math.max(this.capacity * 2, 1024);
    while (cells < end) cells *= 2;
    this.allocate(Math.min(cells, this.limit));
  }

  /** @internal Makes room for the frame records of `depth` suspended frames (doubling, at most `maxDepth`). */
  reserveFrames(depth: number): void {
    const have = this.framePc.length;
    if (depth <= have) return;
    const frames = Math.min(Math.max(have * 2, depth), this.maxDepth);
    const pc = new Int32Array(frames);
    const fp = new Int32Array(frames);
    pc.set(this.framePc);
    fp.set(this.frameFp);
    this.framePc = pc;
    this.frameFp = fp;
    this.frameFn = this.frameFn.concat(new Array<FunctionInstance | null>(frames - have).fill(null));
  }

  private allocate(cells: number): void {
    const buffer = new ArrayBuffer(cells * 4);
    const i32 = new Int32Array(buffer);
    if (this.capacity > 0) i32.set(this.i32);
    this.i32 = i32;
    this.f32 = new Float32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.u8 = new Uint8Array(buffer);
    this.i8 = new Int8Array(buffer);
    this.u16 = new Uint16Array(buffer);
    this.i16 = new Int16Array(buffer);
    this.i64 = new BigInt64Array(buffer);
    const refs = new Array<Reference>(cells / 4).fill(null);
    for (let i = 0; i < this.refs.length; i++) refs[i] = this.refs[i]!;
    this.refs = refs;
    this.capacity = cells;
  }

  /**
   * What is left of the instruction budget `setLimits` set (Infinity without one): an embedder
   * carries it from call to call to make one budget span a thread's life.
   */
  get instructionsLeft(): number {
    return this.instructionBudget - (this.slice - this.fuel);
  }

  /** Sets (replaces) the limits for what runs next on this stack. */
  setLimits(limits: ExecutionLimits): void {
    this.instructionBudget = limits.instructions ?? Number.POSITIVE_INFINITY;
    const timeout = limits.timeoutMs ?? Number.POSITIVE_INFINITY;
    this.deadline = timeout === Number.POSITIVE_INFINITY ? timeout : performance.now() + timeout;
    this.terminateRequested = false;
    this.metered =
      this.instructionBudget !== Number.POSITIVE_INFINITY || this.deadline !== Number.POSITIVE_INFINITY;
    this.startSlice();
  }

  /** Makes running code trap with "terminated" at its next back-edge or call (e.g. from a native). */
  requestTerminate(): void {
    this.terminateRequested = true;
    this.fuel = 0;
  }

  /** @internal Called by the interpreter when fuel runs out: traps when a limit is reached, else refills. */
  refuel(): void {
    this.instructionBudget -= this.slice - this.fuel;
    if (this.terminateRequested) {
      this.terminateRequested = false;
      this.startSlice();
      throw new RuntimeError("terminated");
    }
    if (this.instructionBudget <= 0) throw new RuntimeError("instructionLimit");
    if (this.deadline !== Number.POSITIVE_INFINITY && performance.now() >= this.deadline) {
      throw new RuntimeError("timeout");
    }
    this.startSlice();
  }

  private startSlice(): void {
    const cap =
      this.deadline === Number.POSITIVE_INFINITY
        ? this.unlimitedSlice
        : Math.min(TIMED_SLICE, this.unlimitedSlice);
    this.slice = Math.max(1, Math.min(this.instructionBudget, cap));
    this.fuel = this.slice;
  }
}

let shared: ExecStack | undefined;
/** The stack used when a caller does not supply its own. */
export function defaultExecStack(): ExecStack {
  shared ??= new ExecStack();
  return shared;
}
