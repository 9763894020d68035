/**
 * One backing store for the side tables of every body in a module. Allocating four typed arrays
 * per function costs more than validating a small body, so each function gets views into
 * shared columns instead: heights, matchingEnd and matchingElse (int32), then operandType
 * (uint8). matchingEnd and matchingElse start as -1 ("none").
 */
export class SideTableArena {
  private readonly buffer: ArrayBuffer;
  private next = 0;

  constructor(private readonly total: number) {
    this.buffer = new ArrayBuffer(total * 13);
    new Int32Array(this.buffer, total * 4, total * 2).fill(-1);
  }

  /** Reserves `count` instructions' worth of entries; returns where they start. */
  reserve(count: number): number {
    const start = this.next;
    if (start + count > this.total) throw new Error("side table arena exhausted");
    this.next = start + count;
    return start;
  }

  heights(start: number, count: number): Int32Array {
    return new Int32Array(this.buffer, start * 4, count);
  }

  matchingEnd(start: number, count: number): Int32Array {
    return new Int32Array(this.buffer, (this.total + start) * 4, count);
  }

  matchingElse(start: number, count: number): Int32Array {
    return new Int32Array(this.buffer, (2 * this.total + start) * 4, count);
  }

  operandType(start: number, count: number): Uint8Array {
    return new Uint8Array(this.buffer, 12 * this.total + start, count);
  }
}
