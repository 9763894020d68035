import type { MemoryType } from "@microwasm/core";
import type { ParseContext } from "./parse-context.js";
import { memoryType } from "./types-decoding.js";

/** Memory section (5): a vector of memory types. */
export function readMemorySection(ctx: ParseContext): MemoryType[] {
  const r = ctx.reader;
  const n = r.len32();
  const memories: MemoryType[] = [];
  for (let i = 0; i < n; i++) memories.push(memoryType(r, ctx.tables.features));
  return memories;
}
