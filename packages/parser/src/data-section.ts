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
    const bytes = r.bytesView(r.len32());
    const mode = flags === 1 ? SegmentMode.passive : SegmentMode.active;
    segments.push({ mode, memory, offset, bytes });
  }
  return segments;
}
