import type { ParseContext } from "./parse-context.js";

/** Start section (8): one function index. */
export function readStartSection(ctx: ParseContext): number {
  return ctx.reader.u32();
}
