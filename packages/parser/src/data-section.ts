import { type Code, type DataSegment, SegmentMode } from "@microwasm/core";
import type { ParseContext } from "./parse-context.js";
import { malformed, Reason } from "./reasons.js";

/** Data section (11): flags 0 (active, memory 0), 1 (passive), 2 (active, explicit memory). */
export function readDataSection(ctx: ParseContext): DataSegment[] {
  const r = ctx.reader;
  const n = r.len32();
  const segments: DataSegment[] = [];
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
    const mode = flags === 1 ? SegmentMode.passive : SegmentMode.active;
    segments.push(new ParsedDataSegment(mode, memory, offset, r.bytes, start, length));
  }
  return segments;
}

/**
 * A data segment whose `bytes` view into the module is made on first access (instantiation):
 * esbuild.wasm has 98,450 segments, and loading it needs none of their bytes.
 */
class ParsedDataSegment implements DataSegment {
  readonly mode: DataSegment["mode"];
  readonly memory: number;
  readonly offset: Code | null;
  private readonly source: Uint8Array;
  private readonly start: number;
  private readonly length: number;
  private view: Uint8Array | null = null;

  constructor(
    mode: DataSegment["mode"],
    memory: number,
    offset: Code | null,
    source: Uint8Array,
    start: number,
    length: number,
  ) {
    this.mode = mode;
    this.memory = memory;
    this.offset = offset;
    this.source = source;
    this.start = start;
    this.length = length;
  }

  get bytes(): Uint8Array {
    if (this.view === null) this.view = this.source.subarray(this.start, this.start + this.length);
    return this.view;
  }
}
