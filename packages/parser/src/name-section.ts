import { CompileError, type NameSection } from "@microwasm/core";
import { Reader } from "./reader.js";

const MODULE_NAME = 0;
const FUNCTION_NAMES = 1;
const LOCAL_NAMES = 2;

/**
 * The `name` custom section, best effort: names are debugging aids, so a malformed name section
 * never fails the module. Subsections decoded before the first malformed one are kept; returns
 * null when none could be decoded. Unknown subsections are skipped.
 */
export function readNameSection(bytes: Uint8Array): NameSection | null {
  const r = new Reader(bytes, 0, bytes.length);
  let module: string | undefined;
  let functions = new Map<number, string>();
  let locals = new Map<number, ReadonlyMap<number, string>>();
  let decoded = false;
  try {
    while (!r.atEnd()) {
      const id = r.u8();
      const size = r.len32();
      const end = r.pos + size;
      if (end > bytes.length) break;
      const sub = new Reader(bytes, r.pos, end);
      let m: string | undefined;
      let f: Map<number, string> | undefined;
      let l: Map<number, ReadonlyMap<number, string>> | undefined;
      if (id === MODULE_NAME) m = sub.name();
      else if (id === FUNCTION_NAMES) f = nameMap(sub);
      else if (id === LOCAL_NAMES) l = indirectNameMap(sub);
      else sub.pos = end;
      if (!sub.atEnd()) break;
      if (m !== undefined) module = m;
      if (f) functions = f;
      if (l) locals = l;
      decoded = true;
      r.pos = end;
    }
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
  }
  return decoded ? { module, functions, locals } : null;
}

function nameMap(r: Reader): Map<number, string> {
  const map = new Map<number, string>();
  const n = r.len32();
  for (let i = 0; i < n; i++) {
    const index = r.u32();
    map.set(index, r.name());
  }
  return map;
}

function indirectNameMap(r: Reader): Map<number, ReadonlyMap<number, string>> {
  const map = new Map<number, ReadonlyMap<number, string>>();
  const n = r.len32();
  for (let i = 0; i < n; i++) {
    const index = r.u32();
    map.set(index, nameMap(r));
  }
  return map;
}
