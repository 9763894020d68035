import type { ParseContext } from "./parse-context.js";

/** Function section (3): the type index of each function defined in the module. */
export function readFunctionSection(ctx: ParseContext): number[] {
  const r = ctx.reader;
  const n = r.len32();
  const functions: number[] = [];
  for (let i = 0; i < n; i++) functions.push(r.u32());
  return functions;
}
