import type { Export, ExternalKind } from "@microwasm/core";
import type { ParseContext } from "./parse-context.js";
import { malformed, Reason } from "./reasons.js";

/** Export section (7): name, kind byte (0..3, and 4 for tags), index. */
export function readExportSection(ctx: ParseContext): Export[] {
  const r = ctx.reader;
  const n = r.len32();
  const exports: Export[] = [];
  for (let i = 0; i < n; i++) {
    const name = r.name();
    const kind = r.u8();
    if (kind > (ctx.tables.features.exceptions ? 4 : 3)) throw malformed(Reason.exportKind, r.pos - 1);
    exports.push({ name, kind: kind as ExternalKind, index: r.u32() });
  }
  return exports;
}
