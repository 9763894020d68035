import { type Code, instructionWords } from "@microwasm/core";
import type { CodeSource } from "./decode-code.js";

// The parser's `Code`s. Their operators are in the decoder's shared chunks (`ops` is
// `opsChunk[opsFrom .. opsTo)`); each array is a view or a small array made when read.
//
// Nothing per instruction is kept besides the operators. Starts follow from them (instructions
// are contiguous), and byte offsets serve only to report an error or a trap, so a `Code`
// decodes its sequence again, from `at` in the module's bytes, when `offsets` is read. For
// esbuild.wasm that is 38 MB the parser neither writes nor allocates; a new ArrayBuffer costs
// about half a millisecond per megabyte before anything is stored in it.

/**
 * A sequence of one instruction and its `end` (most constant expressions), or of the `end`
 * alone. `starts` follows from the layout (the `end` is the last word), and each array is new
 * at each read.
 *
 * A module can hold a hundred thousand of these (esbuild.wasm has 98,450 data segments, each
 * with an offset expression). Their views, made when read (the validator reads a constant
 * expression's `ops` once) and not kept, cost a short-lived object rather than memory the
 * garbage collector must copy and mark for as long as the module lives.
 */
export class ShortCode implements Code {
  readonly count: number;
  readonly opsChunk: Int32Array;
  readonly opsFrom: number;
  readonly opsTo: number;
  readonly source: CodeSource;
  /** Where the sequence starts in the module's bytes. */
  readonly at: number;

  constructor(
    opsChunk: Int32Array,
    opsFrom: number,
    opsTo: number,
    count: number,
    source: CodeSource,
    at: number,
  ) {
    this.count = count;
    this.opsChunk = opsChunk;
    this.opsFrom = opsFrom;
    this.opsTo = opsTo;
    this.source = source;
    this.at = at;
  }

  get ops(): Int32Array {
    return this.opsChunk.subarray(this.opsFrom, this.opsTo);
  }

  get starts(): Uint32Array {
    return this.count === 1 ? Uint32Array.of(0) : Uint32Array.of(0, this.opsTo - this.opsFrom - 1);
  }

  get offsets(): Uint32Array {
    return this.source.offsetsAt(this.at, this.count);
  }
}

/**
 * `ref.func x; end` standing for function index `x` of an element segment: both instructions
 * are at the index's offset, `at`.
 */
export class RefFuncCode extends ShortCode {
  override get offsets(): Uint32Array {
    return Uint32Array.of(this.at, this.at);
  }
}

/**
 * A longer sequence (a function body): its arrays are made on first read and kept, since bodies
 * are few and their arrays are read in loops. `starts` is found by walking `ops` (the validator
 * and the compiler walk them themselves, so loading never makes it).
 */
export class ChunkCode extends ShortCode {
  private opsView: Int32Array | null = null;
  private startsArray: Uint32Array | null = null;
  private offsetsArray: Uint32Array | null = null;

  override get ops(): Int32Array {
    if (this.opsView === null) this.opsView = super.ops;
    return this.opsView;
  }

  override get starts(): Uint32Array {
    if (this.startsArray === null) {
      const ops = this.ops;
      const starts = new Uint32Array(this.count);
      for (let n = 0, at = 0; n < starts.length; n++, at += instructionWords(ops, at)) starts[n] = at;
      this.startsArray = starts;
    }
    return this.startsArray;
  }

  override get offsets(): Uint32Array {
    if (this.offsetsArray === null) this.offsetsArray = super.offsets;
    return this.offsetsArray;
  }
}
