import { MAX_PAGES, type MemoryType, PAGE_SIZE } from "@microwasm/core";
import type { MemoryBudget } from "./memory-budget.js";

/**
 * A linear memory. `buffer`, `u8` and `view` are replaced on every successful grow (the old
 * buffer is detached, as the JS API requires), so holders re-read them after anything that
 * can grow memory.
 */
export class MemoryInstance {
  buffer: ArrayBuffer;
  u8: Uint8Array;
  view: DataView;
  /** Current size in bytes. */
  byteLength: number;
  /** The largest size in pages this memory may reach. */
  readonly maxPages: number;

  /**
   * With a `budget`, the initial pages and every grow draw from it (a grow it refuses returns
   * -1; initial pages it refuses throw `RangeError`). The owner gives the bytes back.
   */
  constructor(
    readonly type: MemoryType,
    private readonly budget?: MemoryBudget,
  ) {
    this.maxPages = Math.min(type.limits.max ?? MAX_PAGES, MAX_PAGES);
    if (budget !== undefined && !budget.reserve(type.limits.min * PAGE_SIZE)) {
      throw new RangeError("memory allocation exceeds the budget");
    }
    this.buffer = new ArrayBuffer(type.limits.min * PAGE_SIZE);
    this.u8 = new Uint8Array(this.buffer);
    this.view = new DataView(this.buffer);
    this.byteLength = this.buffer.byteLength;
  }

  get pages(): number {
    return this.byteLength / PAGE_SIZE;
  }

  /** Grows by `delta` pages; returns the old size in pages, or -1 when it cannot. */
  grow(delta: number): number {
    const old = this.pages;
    const target = old + delta;
    if (delta < 0 || target > this.maxPages) return -1;
    if (delta === 0) {
      // The JS API replaces the buffer on every grow, even by zero pages; transfer, no copy.
      this.replaceBuffer(transfer(this.buffer));
      return old;
    }
    if (this.budget !== undefined && !this.budget.reserve(delta * PAGE_SIZE)) return -1;
    let next: ArrayBuffer;
    try {
      next = new ArrayBuffer(target * PAGE_SIZE);
    } catch {
      this.budget?.release(delta * PAGE_SIZE);
      return -1; // the host could not provide the bytes: the same answer as hitting the limit
    }
    new Uint8Array(next).set(this.u8);
    detach(this.buffer);
    this.replaceBuffer(next);
    return old;
  }

  private replaceBuffer(next: ArrayBuffer): void {
    this.buffer = next;
    this.u8 = new Uint8Array(next);
    this.view = new DataView(next);
    this.byteLength = next.byteLength;
  }
}

/** Moves the contents to a new ArrayBuffer object, detaching the old one. */
function transfer(buffer: ArrayBuffer): ArrayBuffer {
  try {
    return structuredClone(buffer, { transfer: [buffer] });
  } catch {
    return buffer;
  }
}

function detach(buffer: ArrayBuffer): void {
  try {
    structuredClone(buffer, { transfer: [buffer] });
  } catch {
    // Hosts without transfer support keep the old buffer alive; it is simply no longer ours.
  }
}
