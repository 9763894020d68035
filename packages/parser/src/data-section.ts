import { type Code, type DataSegment, SegmentMode } from "@microwasm/core";
import { ShortCode } from "./chunk-code.js";
import type { CodeSource } from "./decode-code.js";
import type { ParseContext } from "./parse-context.js";
import { malformed, Reason } from "./reasons.js";

/** Data section (11): flags 0 (active, memory 0), 1 (passive), 2 (active, explicit memory). */
export function readDataSection(ctx: ParseContext): DataSegment[] {
  const r = ctx.reader;
  const n = r.len32();
  const table = new DataTable(n, ctx.code.source);
  const segments: DataSegment[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const at = r.pos;
    const flags = r.u32();
    if (flags > 2 || (flags !== 0 && !ctx.tables.features.bulkMemory))
      throw malformed(Reason.dataSegmentKind, at);
    let memory = 0;
    let offset: Code | null = null;
    if (flags !== 1) {
      if (flags === 2) memory = r.u32();
      offset = ctx.code.decode(r);
    }
    const length = r.len32();
    const start = r.pos;
    r.skip(length);
    table.set(i, flags === 1 ? SegmentMode.passive : SegmentMode.active, memory, offset, start, length);
    segments[i] = new DataSegmentRow(table, i);
  }
  return segments;
}

// A row of `DataTable.rows`: the segment's mode and memory, where its bytes are in the module,
// and where its offset expression is (`chunk` is an index in `DataTable.chunks`, or one of the
// negative values below; `at` is where the expression starts in the module).
const MODE = 0;
const MEMORY = 1;
const BYTES_START = 2;
const BYTES_LENGTH = 3;
const CHUNK = 4;
const OPS_FROM = 5;
const OPS_TO = 6;
const AT = 7;
const ROW = 8;
const NO_OFFSET = -1;
/** An offset expression other than one instruction and `end`: kept as its `Code` in `DataTable.long`. */
const LONG_OFFSET = -2;

/**
 * The data section as a table of numbers, one row per segment; each `DataSegment` is a handle on
 * its row (`DataSegmentRow`), and its offset expression's `Code` and its `bytes` are made when
 * read. esbuild.wasm has 98,450 segments: as objects with their own fields, an offset `Code` and
 * a view of the bytes each, they were most of the objects of a loaded module, all young and
 * long-lived, which is what costs the garbage collector most (each is copied twice, then
 * marked for as long as the module lives); the handles are a quarter of the memory.
 */
class DataTable {
  readonly rows: Int32Array;
  /** The decoder's ops chunks that offset expressions are in. */
  readonly chunks: Int32Array[] = [];
  readonly long = new Map<number, Code>();

  constructor(
    count: number,
    readonly source: CodeSource,
  ) {
    this.rows = new Int32Array(count * ROW);
  }

  set(index: number, mode: number, memory: number, offset: Code | null, start: number, length: number): void {
    const rows = this.rows;
    const at = index * ROW;
    rows[at + MODE] = mode;
    rows[at + MEMORY] = memory;
    rows[at + BYTES_START] = start;
    rows[at + BYTES_LENGTH] = length;
    if (offset === null) {
      rows[at + CHUNK] = NO_OFFSET;
    } else if (offset instanceof ShortCode && offset.count === 2) {
      const chunks = this.chunks;
      if (chunks[chunks.length - 1] !== offset.opsChunk) chunks.push(offset.opsChunk);
      rows[at + CHUNK] = chunks.length - 1;
      rows[at + OPS_FROM] = offset.opsFrom;
      rows[at + OPS_TO] = offset.opsTo;
      rows[at + AT] = offset.at;
    } else {
      rows[at + CHUNK] = LONG_OFFSET;
      this.long.set(index, offset);
    }
  }

  offset(index: number): Code | null {
    const rows = this.rows;
    const at = index * ROW;
    const chunk = rows[at + CHUNK]!;
    if (chunk === NO_OFFSET) return null;
    if (chunk === LONG_OFFSET) return this.long.get(index)!;
    return new ShortCode(
      this.chunks[chunk]!,
      rows[at + OPS_FROM]!,
      rows[at + OPS_TO]!,
      2,
      this.source,
      rows[at + AT]!,
    );
  }
}

/** A data segment: a handle on its row of the `DataTable`; `offset` and `bytes` are new at each read. */
class DataSegmentRow implements DataSegment {
  private readonly table: DataTable;
  private readonly index: number;

  constructor(table: DataTable, index: number) {
    this.table = table;
    this.index = index;
  }

  get mode(): DataSegment["mode"] {
    return this.table.rows[this.index * ROW + MODE] as DataSegment["mode"];
  }

  get memory(): number {
    return this.table.rows[this.index * ROW + MEMORY]! >>> 0;
  }

  get offset(): Code | null {
    return this.table.offset(this.index);
  }

  get bytes(): Uint8Array {
    const at = this.index * ROW;
    const start = this.table.rows[at + BYTES_START]!;
    return this.table.source.bytes.subarray(start, start + this.table.rows[at + BYTES_LENGTH]!);
  }
}
