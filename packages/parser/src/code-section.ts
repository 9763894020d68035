import type { FunctionBody, LocalDecl } from "@microwasm/core";
import type { ParseContext } from "./parse-context.js";
import { malformed, Reason } from "./reasons.js";
import { valueType } from "./types-decoding.js";

const MAX_LOCALS = 0xffffffff;

/**
 * Code section (10): one sized body per function: local declarations, then operators up to the
 * final `end`, which must be the body's last byte.
 */
export function readCodeSection(ctx: ParseContext): FunctionBody[] {
  const r = ctx.reader;
  const n = r.len32();
  const bodies: FunctionBody[] = [];
  for (let i = 0; i < n; i++) {
    const offset = r.pos;
    const size = r.len32();
    const start = r.pos;
    const locals = localDecls(ctx);
    const code = ctx.code.decode(r);
    if (r.pos !== start + size) throw malformed(Reason.sectionSize, start);
    bodies.push({ locals, code, offset });
  }
  return bodies;
}

function localDecls(ctx: ParseContext): LocalDecl[] {
  const r = ctx.reader;
  const start = r.pos;
  const n = r.len32();
  const locals: LocalDecl[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const count = r.u32();
    total += count;
    locals.push({ count, type: valueType(r, ctx.tables) });
  }
  if (total > MAX_LOCALS) throw malformed(Reason.tooManyLocals, start);
  return locals;
}
