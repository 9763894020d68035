/** What opened a control frame. */
export const FrameKind = {
  function: 0,
  block: 1,
  loop: 2,
  if: 3,
  else: 4,
  /** Legacy exceptions: a `try` body, then its `catch` and `catch_all` clauses. */
  try: 5,
  catch: 6,
  catchAll: 7,
} as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/**
 * The control stack of the spec's validation algorithm, as parallel growable typed arrays (one
 * slot per open block, no object per frame). A frame's parameter and result types are ranges
 * of the module's `TypePool`; `opener` and `elseAt` are instruction numbers for the side
 * tables. Frame `depth - 1` is the innermost.
 */
export class ControlStack {
  depth = 0;
  kind: Uint8Array = new Uint8Array(16);
  opener: Int32Array = new Int32Array(16);
  elseAt: Int32Array = new Int32Array(16);
  /** Operand stack height when the frame was entered (after its parameters were popped). */
  height: Int32Array = new Int32Array(16);
  unreachable: Uint8Array = new Uint8Array(16);
  paramStart: Int32Array = new Int32Array(16);
  paramCount: Int32Array = new Int32Array(16);
  resultStart: Int32Array = new Int32Array(16);
  resultCount: Int32Array = new Int32Array(16);

  push(
    kind: FrameKind,
    opener: number,
    height: number,
    paramStart: number,
    paramCount: number,
    resultStart: number,
    resultCount: number,
  ): void {
    if (this.depth === this.kind.length) this.grow();
    const d = this.depth++;
    this.kind[d] = kind;
    this.opener[d] = opener;
    this.elseAt[d] = -1;
    this.height[d] = height;
    this.unreachable[d] = 0;
    this.paramStart[d] = paramStart;
    this.paramCount[d] = paramCount;
    this.resultStart[d] = resultStart;
    this.resultCount[d] = resultCount;
  }

  /** Start, in the type pool, of the types a branch to `frame` carries (a loop's are its params). */
  labelStart(frame: number): number {
    return this.kind[frame] === FrameKind.loop ? this.paramStart[frame]! : this.resultStart[frame]!;
  }

  labelCount(frame: number): number {
    return this.kind[frame] === FrameKind.loop ? this.paramCount[frame]! : this.resultCount[frame]!;
  }

  private grow(): void {
    const size = this.kind.length * 2;
    this.kind = growU8(this.kind, size);
    this.unreachable = growU8(this.unreachable, size);
    this.opener = growI32(this.opener, size);
    this.elseAt = growI32(this.elseAt, size);
    this.height = growI32(this.height, size);
    this.paramStart = growI32(this.paramStart, size);
    this.paramCount = growI32(this.paramCount, size);
    this.resultStart = growI32(this.resultStart, size);
    this.resultCount = growI32(this.resultCount, size);
  }
}

function growU8(a: Uint8Array, size: number): Uint8Array {
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}

function growI32(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
