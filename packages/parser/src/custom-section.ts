import type { CustomSection } from "@microwasm/core";
import type { Reader } from "./reader.js";
import { malformed, Reason } from "./reasons.js";

/** Custom section (0): a name, then arbitrary bytes up to `end` (kept as a view, not copied). */
export function readCustomSection(r: Reader, end: number): CustomSection {
  const name = r.name();
  if (r.pos > end || end > r.end) throw malformed(Reason.unexpectedEnd, r.end);
  const bytes = r.bytes.subarray(r.pos, end);
  r.pos = end;
  return { name, bytes };
}
