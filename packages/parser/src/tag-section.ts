import type { TagType } from "@microwasm/core";
import type { ParseContext } from "./parse-context.js";
import type { Reader } from "./reader.js";
import { malformed, Reason } from "./reasons.js";

/** Tag section (13): one tag type per tag. */
export function readTagSection(ctx: ParseContext): TagType[] {
  const r = ctx.reader;
  const n = r.len32();
  const tags: TagType[] = [];
  for (let i = 0; i < n; i++) tags.push(tagType(r));
  return tags;
}

/** A tag type: the attribute byte (0, "exception", the only one there is) and a type index. */
export function tagType(r: Reader): TagType {
  const attribute = r.u8();
  if (attribute !== 0) throw malformed(Reason.tagAttribute, r.pos - 1);
  return { typeIndex: r.u32() };
}
