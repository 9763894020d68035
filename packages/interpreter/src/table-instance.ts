import type { TableType } from "@microwasm/core";
import type { MemoryBudget } from "./memory-budget.js";
import type { Reference } from "./values.js";

/** The largest table size we allow, as V8 does (the spec leaves it to the embedder). */
export const MAX_TABLE_SIZE = 10_000_000;
/** What one element costs a budget: a JS array slot holding a reference. */
export const TABLE_ELEMENT_BYTES = 8;

export class TableInstance {
  elements: Reference[];
  readonly maxSize: number;

  constructor(
    readonly type: TableType,
    /** The initial elements' value (required: `undefined` is a valid externref, not "absent"). */
    init: Reference,
    /** Draws the elements' bytes (initial ones: `RangeError` when refused; grows: -1). */
    private readonly budget?: MemoryBudget,
  ) {
    this.maxSize = Math.min(type.limits.max ?? 0xffffffff, 0xffffffff);
    if (type.limits.min > MAX_TABLE_SIZE) throw new RangeError("table size exceeds the implementation limit");
    if (budget !== undefined && !budget.reserve(type.limits.min * TABLE_ELEMENT_BYTES)) {
      throw new RangeError("table allocation exceeds the budget");
    }
    this.elements = new Array<Reference>(type.limits.min).fill(init);
  }

  get length(): number {
    return this.elements.length;
  }

  /** Grows by `delta` elements set to `init`; returns the old size, or -1 when it cannot. */
  grow(delta: number, init: Reference): number {
    const old = this.elements.length;
    const target = old + delta;
    if (delta < 0 || target > this.maxSize || target > MAX_TABLE_SIZE) return -1;
    if (this.budget !== undefined && !this.budget.reserve(delta * TABLE_ELEMENT_BYTES)) return -1;
    for (let i = 0; i < delta; i++) this.elements.push(init);
    return old;
  }
}
