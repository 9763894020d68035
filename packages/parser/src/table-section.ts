import type { TableType } from "@microwasm/core";
import type { ParseContext } from "./parse-context.js";
import { tableType } from "./types-decoding.js";

/** Table section (4): a vector of table types. */
export function readTableSection(ctx: ParseContext): TableType[] {
  const r = ctx.reader;
  const n = r.len32();
  const tables: TableType[] = [];
  for (let i = 0; i < n; i++) tables.push(tableType(r, ctx.tables));
  return tables;
}
