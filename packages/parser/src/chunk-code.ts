import type { Code } from "@microwasm/core";

/**
 * A `Code` of one instruction and its `end` (most constant expressions) in the decoder's shared
 * chunks: `ops` is `opsChunk[opsFrom .. opsTo)`, `starts` and `offsets` are `count` entries of
 * theirs from `marksFrom`, and each is a new view at each access.
 *
 * A module can hold a hundred thousand such sequences (esbuild.wasm has 98,450 data segments,
 * each with an offset expression). Their three views each were half the time spent parsing it;
 * made when read (the validator reads a constant expression's `ops` once, `offsets` only to
 * report an error) and not kept, they cost a short-lived object rather than memory the garbage
 * collector must copy and mark for as long as the module lives.
 */
export class ShortCode implements Code {
  readonly count: number;
  readonly opsChunk: Int32Array;
  readonly opsFrom: number;
  readonly opsTo: number;
  readonly startsChunk: Uint32Array;
  readonly offsetsChunk: Uint32Array;
  readonly marksFrom: number;

  constructor(
    opsChunk: Int32Array,
    opsFrom: number,
    opsTo: number,
    startsChunk: Uint32Array,
    offsetsChunk: Uint32Array,
    marksFrom: number,
    count: number,
  ) {
    this.count = count;
    this.opsChunk = opsChunk;
    this.opsFrom = opsFrom;
    this.opsTo = opsTo;
    this.startsChunk = startsChunk;
    this.offsetsChunk = offsetsChunk;
    this.marksFrom = marksFrom;
  }

  get ops(): Int32Array {
    return this.opsChunk.subarray(this.opsFrom, this.opsTo);
  }

  get starts(): Uint32Array {
    return this.startsChunk.subarray(this.marksFrom, this.marksFrom + this.count);
  }

  get offsets(): Uint32Array {
    return this.offsetsChunk.subarray(this.marksFrom, this.marksFrom + this.count);
  }
}

/**
 * A longer `Code` (a function body) in the decoder's chunks, as `ShortCode`, but each view is
 * made on first access and kept: bodies are few and their arrays are read in loops.
 */
export class ChunkCode extends ShortCode {
  private opsView: Int32Array | null = null;
  private startsView: Uint32Array | null = null;
  private offsetsView: Uint32Array | null = null;

  override get ops(): Int32Array {
    if (this.opsView === null) this.opsView = super.ops;
    return this.opsView;
  }

  override get starts(): Uint32Array {
    if (this.startsView === null) this.startsView = super.starts;
    return this.startsView;
  }

  override get offsets(): Uint32Array {
    if (this.offsetsView === null) this.offsetsView = super.offsets;
    return this.offsetsView;
  }
}
