/** The bytes of the linear memory a heap lives in; re-read on every operation (a grow replaces them). */
export interface HeapMemory {
  readonly u8: Uint8Array;
}

export interface AppHeapStats {
  /** Bytes of the region that hold blocks (the region less alignment slack). */
  readonly size: number;
  /** Bytes in allocated blocks, headers included. */
  readonly used: number;
  readonly free: number;
  /** The largest block a `malloc` could get now, header included. */
  readonly largestFree: number;
  readonly blocks: number;
}

/** Every block starts with an 8-byte header; payloads are 8-byte aligned. */
const HEADER = 8;
const ALIGN = 8;
const MIN_BLOCK = 16;
const IN_USE = 1;
/** Size classes by the position of the highest set bit of a block's size. */
const CLASSES = 33;

interface Block {
  size: number;
  used: boolean;
  /** Offset of the block before this one, -1 for the first. */
  prev: number;
}

/**
 * malloc/free/realloc inside a region of linear memory (WAMR's app heap). Every block carries
 * an 8-byte header in linear memory, as WAMR's allocator does, so the app can see and scribble
 * on it; the heap's own record of the blocks lives outside the app's reach, and each header is
 * compared with it whenever the heap touches a block. A mismatch marks the heap corrupted: from
 * then on every operation fails (malloc returns 0) and `corrupted` says why, so the runtime can
 * fail the app's call; nothing here throws.
 */
export class AppHeap {
  /** First byte of the region (the first block's header). */
  readonly start: number;
  /** One past the region's last byte. */
  readonly end: number;
  private readonly blocks = new Map<number, Block>();
  private readonly bins: Set<number>[] = Array.from({ length: CLASSES }, () => new Set<number>());
  private readonly salt = (Math.random() * 0x100000000) >>> 0;
  private usedBytes = 0;
  private corruptedAt = -1;

  /** Manages `[base, base + size)` of `memory`, which must stay inside it. */
  constructor(
    private readonly memory: HeapMemory,
    base: number,
    size: number,
  ) {
    if (!(Number.isSafeInteger(base) && Number.isSafeInteger(size) && base >= 0 && size >= 0)) {
      throw new RangeError(`an app heap needs a non-negative base and size, got ${base} and ${size}`);
    }
    if (base + size > memory.u8.length) throw new RangeError("the app heap's region is outside its memory");
    this.start = alignUp(base);
    this.end = Math.max(this.start, (base + size) & ~(ALIGN - 1));
    if (this.end - this.start >= MIN_BLOCK) this.addFree(this.start, this.end - this.start, -1);
  }

  /** Whether a check found the app's headers disagreeing with the heap's record. */
  get corrupted(): boolean {
    return this.corruptedAt >= 0;
  }

  /** Whether `ptr` is inside the heap's region (the app may not free what is not). */
  contains(ptr: number): boolean {
    return ptr >= this.start + HEADER && ptr < this.end;
  }

  /** Allocates `size` bytes (8-byte aligned); returns the app offset, or 0 when it cannot. */
  malloc(size: number): number {
    if (this.corrupted || !(size >= 0) || size > this.end - this.start) return 0;
    const need = Math.max(MIN_BLOCK, alignUp(size) + HEADER);
    const offset = this.findFree(need);
    if (offset < 0) return 0;
    const block = this.blocks.get(offset)!;
    if (!this.headerMatches(offset, block)) return 0;
    this.takeFree(offset, block);
    if (block.size - need >= MIN_BLOCK) {
      const rest = block.size - need;
      block.size = need;
      this.addFree(offset + need, rest, offset);
    }
    block.used = true;
    this.writeHeader(offset, block);
    this.usedBytes += block.size;
    return offset + HEADER;
  }

  /**
   * Frees the block at app offset `ptr`. Returns false, changing nothing, for a pointer that is
   * not an allocated block (never allocated, or already freed) or when the heap is corrupted.
   */
  free(ptr: number): boolean {
    if (this.corrupted) return false;
    const offset = ptr - HEADER;
    const block = this.blocks.get(offset);
    if (block === undefined || !block.used || !this.headerMatches(offset, block)) return false;
    const next = this.blocks.get(offset + block.size);
    if (next !== undefined && !this.headerMatches(offset + block.size, next)) return false;
    const prev = block.prev >= 0 ? this.blocks.get(block.prev)! : undefined;
    if (prev !== undefined && !this.headerMatches(block.prev, prev)) return false;

    this.usedBytes -= block.size;
    block.used = false;
    let at = offset;
    let merged = block;
    if (next !== undefined && !next.used) {
      this.takeFree(offset + block.size, next);
      this.blocks.delete(offset + block.size);
      merged.size += next.size;
    }
    if (prev !== undefined && !prev.used) {
      this.takeFree(block.prev, prev);
      this.blocks.delete(offset);
      prev.size += merged.size;
      at = block.prev;
      merged = prev;
    }
    this.relinkFollower(at, merged);
    this.blocks.delete(at);
    this.addFree(at, merged.size, merged.prev);
    return true;
  }

  /**
   * C's realloc: `ptr` 0 allocates; size 0 frees and returns 0. Grows in place when the next
   * block is free and large enough, else moves the payload. Returns 0 (the old block intact)
   * when it cannot.
   */
  realloc(ptr: number, size: number): number {
    if (ptr === 0) return this.malloc(size);
    if (this.corrupted) return 0;
    const offset = ptr - HEADER;
    const block = this.blocks.get(offset);
    if (block === undefined || !block.used || !this.headerMatches(offset, block)) return 0;
    if (size === 0) {
      this.free(ptr);
      return 0;
    }
    if (!(size > 0) || size > this.end - this.start) return 0;
    const need = Math.max(MIN_BLOCK, alignUp(size) + HEADER);
    if (need <= block.size) return ptr; // shrinking keeps the block: simple and never fails
    const nextOffset = offset + block.size;
    const next = this.blocks.get(nextOffset);
    if (next !== undefined && !this.headerMatches(nextOffset, next)) return 0;
    if (next !== undefined && !next.used && block.size + next.size >= need) {
      this.takeFree(nextOffset, next);
      this.blocks.delete(nextOffset);
      this.usedBytes -= block.size;
      const total = block.size + next.size;
      block.size = total - need >= MIN_BLOCK ? need : total;
      this.writeHeader(offset, block);
      this.usedBytes += block.size;
      if (total > block.size) this.addFree(offset + block.size, total - block.size, offset);
      else this.relinkFollower(offset, block);
      return ptr;
    }
    const moved = this.malloc(size);
    if (moved === 0) return 0;
    const u8 = this.memory.u8;
    u8.copyWithin(moved, ptr, ptr + block.size - HEADER);
    this.free(ptr);
    return moved;
  }

  /** Usable bytes of the allocated block at `ptr`, or 0 when it is not one. */
  usableSize(ptr: number): number {
    const block = this.blocks.get(ptr - HEADER);
    return block?.used ? block.size - HEADER : 0;
  }

  /** Checks every block's header against the heap's record; marks the heap corrupted on a mismatch. */
  verify(): boolean {
    if (this.corrupted) return false;
    for (const [offset, block] of this.blocks) if (!this.headerMatches(offset, block)) return false;
    return true;
  }

  stats(): AppHeapStats {
    let largestFree = 0;
    for (const block of this.blocks.values()) {
      if (!block.used && block.size > largestFree) largestFree = block.size;
    }
    const size = this.end - this.start;
    return { size, used: this.usedBytes, free: size - this.usedBytes, largestFree, blocks: this.blocks.size };
  }

  private findFree(need: number): number {
    for (let c = classOf(need); c < CLASSES; c++) {
      for (const offset of this.bins[c]!) {
        if (this.blocks.get(offset)!.size >= need) return offset;
      }
    }
    return -1;
  }

  private addFree(offset: number, size: number, prev: number): void {
    const block: Block = { size, used: false, prev };
    this.blocks.set(offset, block);
    this.bins[classOf(size)]!.add(offset);
    this.writeHeader(offset, block);
    this.relinkFollower(offset, block);
  }

  private takeFree(offset: number, block: Block): void {
    this.bins[classOf(block.size)]!.delete(offset);
  }

  /** Points the block after `offset` back at it. */
  private relinkFollower(offset: number, block: Block): void {
    const follower = this.blocks.get(offset + block.size);
    if (follower !== undefined) follower.prev = offset;
  }

  private headerWords(offset: number, block: Block): [number, number] {
    const word = (block.size | (block.used ? IN_USE : 0)) >>> 0;
    return [word, (word ^ this.salt ^ Math.imul(offset, 0x9e3779b1)) >>> 0];
  }

  private writeHeader(offset: number, block: Block): void {
    const [word, check] = this.headerWords(offset, block);
    const u8 = this.memory.u8;
    writeU32(u8, offset, word);
    writeU32(u8, offset + 4, check);
  }

  private headerMatches(offset: number, block: Block): boolean {
    const [word, check] = this.headerWords(offset, block);
    const u8 = this.memory.u8;
    if (offset + HEADER <= u8.length && readU32(u8, offset) === word && readU32(u8, offset + 4) === check) {
      return true;
    }
    this.corruptedAt = offset;
    return false;
  }
}

function alignUp(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

function classOf(size: number): number {
  return 31 - Math.clz32(size);
}

function readU32(u8: Uint8Array, at: number): number {
  return (u8[at]! | (u8[at + 1]! << 8) | (u8[at + 2]! << 16) | (u8[at + 3]! << 24)) >>> 0;
}

function writeU32(u8: Uint8Array, at: number, value: number): void {
  u8[at] = value;
  u8[at + 1] = value >>> 8;
  u8[at + 2] = value >>> 16;
  u8[at + 3] = value >>> 24;
}
