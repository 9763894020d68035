import type { ParseContext } from "./parse-context.js";

/** Data count section (12): the number of data segments, so bodies can be checked before them. */
export function readDataCountSection(ctx: ParseContext): number {
  return ctx.reader.u32();
}
