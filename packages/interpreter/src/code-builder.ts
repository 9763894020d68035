/** A growable Int32Array: internal code is emitted once and then frozen into its exact size. */
export class CodeBuilder {
  private buf: Int32Array;
  length = 0;

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
  }
  push(a: number, b: number, c?: number): void {
    if (this.length + 3 > this.buf.length) this.grow();
    this.buf[this.length++] = a;
    this.buf[this.length++] = b;
    if (c !== undefined) this.buf[this.length++] = c;
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
  finish(): Int32Array {
    return this.buf.slice(0, this.length);
  }
}
