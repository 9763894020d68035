/** A growable Int32Array: internal code is emitted once and then frozen into its exact size. */
export class CodeBuilder {
  private buf: Int32Array;
  length = 0;
  /** Words written so far, counting those later truncated away. */
  writes = 0;

  /** `capacity`: the expected length, so that growing (and its garbage) is rare. */
  constructor(capacity = 64) {
    this.buf = new Int32Array(Math.max(16, capacity));
  }

  private grow(): void {
    const next = new Int32Array(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
  }
  push1(a: number): void {
    if (this.length + 1 > this.buf.length) this.grow();
    this.buf[this.length++] = a;
    this.writes++;
  }
  push(a: number, b: number, c?: number): void {
    if (this.length + 3 > this.buf.length) this.grow();
    this.buf[this.length++] = a;
    this.buf[this.length++] = b;
    if (c !== undefined) this.buf[this.length++] = c;
    this.writes += c === undefined ? 2 : 3;
  }
  patch(at: number, value: number): void {
    this.buf[at] = value;
  }
  at(index: number): number {
    return this.buf[index]!;
  }
  /** Starts over (keeping the buffer: a builder reused across functions allocates only `finish`). */
  reset(): void {
    this.length = 0;
  }
  /** Drops everything from `length` on (to replace the last instruction by a fused one). */
  truncate(length: number): void {
    this.length = length;
  }
  /** The code so far as its own exact-size array (a view into a shared chunk, see below). */
  finish(): Int32Array {
    return packed(this.buf, this.length);
  }
}

// Finished arrays are packed into shared 1 MiB chunks: one allocation per chunk rather than one
// ArrayBuffer per function, which kept the garbage collector busy while loading large modules.
// A chunk lives as long as any function whose code it holds.
const CHUNK_WORDS = 1 << 18;
let chunk = new Int32Array(CHUNK_WORDS);
let chunkTop = 0;

function packed(buf: Int32Array, length: number): Int32Array {
  if (length > CHUNK_WORDS >> 3) return buf.slice(0, length);
  if (chunkTop + length > CHUNK_WORDS) {
    chunk = new Int32Array(CHUNK_WORDS);
    chunkTop = 0;
  }
  const view = chunk.subarray(chunkTop, chunkTop + length);
  view.set(buf.subarray(0, length));
  chunkTop += length;
  return view;
}
