import { ExternalKind, type Import, type ImportDesc } from "@microwasm/core";
import type { ParseContext } from "./parse-context.js";
import { malformed, Reason } from "./reasons.js";
import { globalType, memoryType, tableType } from "./types-decoding.js";

/** Import section (2): module name, field name, and a kind byte with its description. */
export function readImportSection(ctx: ParseContext): Import[] {
  const r = ctx.reader;
  const n = r.len32();
  const imports: Import[] = [];
  for (let i = 0; i < n; i++) {
    const module = r.name();
    const name = r.name();
    imports.push({ module, name, desc: importDesc(ctx) });
  }
  return imports;
}

function importDesc(ctx: ParseContext): ImportDesc {
  const r = ctx.reader;
  const kind = r.u8();
  switch (kind) {
    case ExternalKind.func:
      return { kind, typeIndex: r.u32() };
    case ExternalKind.table:
      return { kind, type: tableType(r, ctx.tables) };
    case ExternalKind.memory:
      return { kind, type: memoryType(r, ctx.tables.features) };
    case ExternalKind.global:
      return { kind, type: globalType(r, ctx.tables) };
    default:
      throw malformed(Reason.importKind, r.pos - 1);
  }
}
