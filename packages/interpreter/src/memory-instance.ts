import { MAX_PAGES, type MemoryType, PAGE_SIZE } from "@microwasm/core";
import type { MemoryBudget } from "./memory-budget.js";

/**
 * A linear memory. Its buffer, `u8` and `view` are replaced on every successful grow, so
 * holders re-read them after anything that can grow memory.
 *
 * A grow detaches the old buffer, as the JS API requires, only when `buffer` handed it out.
 * Detaching any ArrayBuffer turns off, for the rest of the process, a V8 fast path that every
 * typed-array access relies on (the interpreter runs about a quarter slower after one), so
 * buffers only the engine and its own libraries saw (through `currentBuffer`, `u8`, `view`)
 * are simply dropped.
 */
export class MemoryInstance {
  private current: ArrayBuffer;
  /** Whether `buffer` gave the current buffer out. */
  private handedOut = false;
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
    this.current = new ArrayBuffer(type.limits.min * PAGE_SIZE);
    this.u8 = new Uint8Array(this.current);
    this.view = new DataView(this.current);
    this.byteLength = this.current.byteLength;
  }

  /** The current buffer, as the JS API's `Memory.buffer`: detached by the next grow. */
  get buffer(): ArrayBuffer {
    this.handedOut = true;
    return this.current;
  }

  /**
   * The current buffer, for readers that re-read it after every call that may grow memory
   * (libc-wasi's guest memory): a grow leaves it attached, and it is simply no longer ours.
   */
  get currentBuffer(): ArrayBuffer {
    return this.current;
  }

  /**
   * A `WebAssembly.Memory`-like `{ buffer }` whose `buffer` is `currentBuffer` at each read: what
   * libc-wasi's `attachMemory` takes, without handing the buffer out.
   */
  currentBufferSource(): { readonly buffer: ArrayBuffer } {
    const memory = this;
    return {
      get buffer() {
        return memory.currentBuffer;
      },
    };
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
      // The JS API replaces a handed-out buffer on every grow, even by zero pages; transfer, no copy.
      if (this.handedOut) this.replaceBuffer(transfer(this.current));
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
    if (this.handedOut) detach(this.current);
    this.replaceBuffer(next);
    return old;
  }

  private replaceBuffer(next: ArrayBuffer): void {
    this.current = next;
    this.handedOut = false;
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
