import type { FunctionInstance } from "./function-instance.js";
import type { CellViews } from "./value-cells.js";
import type { Reference } from "./values.js";

export interface ExecStackOptions {
  /** Value stack size in 16-byte slots (default 1 Mi slots = 16 MiB). */
  readonly slots?: number;
  /** Deepest wasm call nesting (default 20,000 frames). */
  readonly maxDepth?: number;
}

/**
 * The stack a thread of wasm execution runs on: one typed-array value stack shared by all
 * frames (frames overlap: a callee's frame starts at its caller's arguments) and the saved
 * (pc, fp, function) of each suspended caller.
 */
export class ExecStack implements CellViews {
  readonly i32: Int32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly refs: Reference[];
  /** One past the last usable cell. */
  readonly limit: number;
  readonly maxDepth: number;
  readonly framePc: Int32Array;
  readonly frameFp: Int32Array;
  readonly frameFn: (FunctionInstance | null)[];
  /** Number of suspended frames. */
  depth = 0;
  /** First free cell: where the next entry from the host places its frame. */
  top = 0;

  constructor(options: ExecStackOptions = {}) {
    const slots = options.slots ?? 1 << 20;
    const buffer = new ArrayBuffer(slots * 16);
    this.i32 = new Int32Array(buffer);
    this.f32 = new Float32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.refs = new Array<Reference>(slots).fill(null);
    this.limit = slots * 4;
    this.maxDepth = options.maxDepth ?? 20_000;
    this.framePc = new Int32Array(this.maxDepth);
    this.frameFp = new Int32Array(this.maxDepth);
    this.frameFn = new Array<FunctionInstance | null>(this.maxDepth).fill(null);
  }
}

let shared: ExecStack | undefined;
/** The stack used when a caller does not supply its own. */
export function defaultExecStack(): ExecStack {
  shared ??= new ExecStack();
  return shared;
}
