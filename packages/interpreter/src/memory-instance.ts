import { MAX_PAGES, MAX_PAGES_64, type MemoryType, PAGE_SIZE } from "@microwasm/core";
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
 *
 * A shared memory (threads) lives in a growable `SharedArrayBuffer`, whose views track its
 * length: it is never replaced, so every thread holding it sees one memory, and a grow is
 * `SharedArrayBuffer.grow`. Its `buffer` is that one object.
 */
export class MemoryInstance {
  private current: ArrayBuffer;
  /** Set for a shared memory: the buffer every agent shares (`current` is then the same object). */
  readonly shared: SharedArrayBuffer | null;
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
    /** A shared memory's existing buffer (another agent's memory, received in a message). */
    sharedBuffer?: SharedArrayBuffer,
  ) {
    const limit = type.is64 ? MAX_PAGES_64 : MAX_PAGES;
    this.maxPages = Math.min(type.limits.max ?? limit, limit);
    if (budget !== undefined && !budget.reserve(type.limits.min * PAGE_SIZE)) {
      throw new RangeError("memory allocation exceeds the budget");
    }
    if (type.shared) {
      this.shared =
        sharedBuffer ??
        new (SharedArrayBuffer as GrowableSharedArrayBufferConstructor)(type.limits.min * PAGE_SIZE, {
          // V8 reserves at most 4 GiB for a growable SharedArrayBuffer; a grow past it fails (-1).
          maxByteLength: Math.min(this.maxPages, MAX_PAGES) * PAGE_SIZE,
        });
      // The views below track the buffer's length; the engine uses it as an ordinary buffer.
      this.current = this.shared as unknown as ArrayBuffer;
    } else {
      this.shared = null;
      this.current = new ArrayBuffer(type.limits.min * PAGE_SIZE);
    }
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
    // Another agent may have grown a shared memory.
    if (this.shared !== null) this.byteLength = this.shared.byteLength;
    return this.byteLength / PAGE_SIZE;
  }

  /** Grows by `delta` pages; returns the old size in pages, or -1 when it cannot. */
  grow(delta: number): number {
    const old = this.pages;
    const target = old + delta;
    if (delta < 0 || target > this.maxPages) return -1;
    if (this.shared !== null) return this.growShared(old, delta);
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

  private growShared(old: number, delta: number): number {
    if (delta === 0) return old;
    if (this.budget !== undefined && !this.budget.reserve(delta * PAGE_SIZE)) return -1;
    try {
      (this.shared as GrowableSharedArrayBuffer).grow((old + delta) * PAGE_SIZE);
    } catch {
      this.budget?.release(delta * PAGE_SIZE);
      return -1;
    }
    this.byteLength = this.shared!.byteLength;
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

/** ES2024's growable SharedArrayBuffer (Node 20 has it; the TypeScript lib here predates it). */
interface GrowableSharedArrayBuffer extends SharedArrayBuffer {
  grow(newLength: number): void;
}
type GrowableSharedArrayBufferConstructor = new (
  length: number,
  options: { maxByteLength: number },
) => SharedArrayBuffer;

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
