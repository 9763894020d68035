import { type Code, type ElementSegment, type RefType, SegmentMode, ValType } from "@microwasm/core";
import type { ParseContext } from "./parse-context.js";
import { malformed, Reason } from "./reasons.js";
import { refType } from "./types-decoding.js";

/**
 * Element section (9), all eight encodings. The flags' bits: 1 = passive or declarative,
 * 2 = explicit table index (active) or declarative, 4 = expressions instead of function indices.
 * Function indices become one `ref.func` expression per element, so every segment has one shape.
 */
export function readElementSection(ctx: ParseContext): ElementSegment[] {
  const r = ctx.reader;
  const n = r.len32();
  const segments: ElementSegment[] = [];
  for (let i = 0; i < n; i++) segments.push(elementSegment(ctx));
  return segments;
}

function elementSegment(ctx: ParseContext): ElementSegment {
  const r = ctx.reader;
  const at = r.pos;
  const flags = r.u32();
  const { referenceTypes, bulkMemory } = ctx.tables.features;
  if (flags > 7 || (flags !== 0 && !referenceTypes && !bulkMemory)) {
    throw malformed(Reason.elementSegmentKind, at);
  }
  const mode =
    (flags & 1) === 0
      ? SegmentMode.active
      : (flags & 2) !== 0
        ? SegmentMode.declarative
        : SegmentMode.passive;
  let table = 0;
  let offset: Code | null = null;
  if (mode === SegmentMode.active) {
    if ((flags & 2) !== 0) table = r.u32();
    offset = ctx.code.decode(r);
  }
  const expressions = (flags & 4) !== 0;
  let elemType: RefType = ValType.funcref;
  if ((flags & 3) !== 0) {
    if (expressions) {
      elemType = refType(r, ctx.tables);
    } else if (r.u8() !== 0x00) {
      throw malformed(Reason.elementKind, r.pos - 1);
    }
  }
  const count = r.len32();
  const init: Code[] = [];
  for (let i = 0; i < count; i++) {
    if (expressions) {
      init.push(ctx.code.decode(r));
    } else {
      const where = r.pos;
      init.push(ctx.code.refFunc(r.u32(), where));
    }
  }
  return { mode, table, offset, elemType, init };
}
