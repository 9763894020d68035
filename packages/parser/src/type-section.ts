import type { FuncType } from "@microwasm/core";
import type { ParseContext } from "./parse-context.js";
import { funcType } from "./types-decoding.js";

/** Type section (1): a vector of function types. */
export function readTypeSection(ctx: ParseContext): FuncType[] {
  const r = ctx.reader;
  const n = r.len32();
  const types: FuncType[] = [];
  for (let i = 0; i < n; i++) types.push(funcType(r, ctx.tables));
  return types;
}
