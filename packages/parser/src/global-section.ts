import type { Global } from "@microwasm/core";
import type { ParseContext } from "./parse-context.js";
import { globalType } from "./types-decoding.js";

/** Global section (6): a global type and its initializer (a constant expression, not checked here). */
export function readGlobalSection(ctx: ParseContext): Global[] {
  const r = ctx.reader;
  const n = r.len32();
  const globals: Global[] = [];
  for (let i = 0; i < n; i++) {
    const type = globalType(r, ctx.tables);
    globals.push({ type, init: ctx.code.decode(r) });
  }
  return globals;
}
