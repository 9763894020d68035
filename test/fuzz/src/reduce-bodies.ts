import { readSections } from "./mutators.js";

/**
 * A reducer that never re-encodes a function body: it drops exports and replaces whole bodies
 * with `unreachable`, keeping every other byte as it was. Compiler bugs that need an exact
 * instruction sequence survive it (binaryen's wasm-reduce rewrites every body through its IR
 * and can lose them); it runs first, and wasm-reduce then works on what is left.
 */

const EXPORT_SECTION = 7;
const CODE_SECTION = 10;
/** A body with no locals whose only instruction is `unreachable`: valid for any function type. */
const UNREACHABLE_BODY = [0x00, 0x00, 0x0b];

interface Entry {
  readonly start: number;
  readonly end: number;
}

/** The entries of a vector section: each export, or each code body with its size prefix. */
function entries(bytes: Uint8Array, sectionId: number): { header: Entry; items: Entry[] } | null {
  const section = readSections(bytes).find((s) => s.id === sectionId);
  if (!section) return null;
  let at = section.contentStart;
  const count = readLeb(bytes, at);
  at += count.length;
  const items: Entry[] = [];
  for (let i = 0; i < count.value; i++) {
    const start = at;
    if (sectionId === CODE_SECTION) {
      const size = readLeb(bytes, at);
      at += size.length + size.value;
    } else {
      const nameLength = readLeb(bytes, at);
      at += nameLength.length + nameLength.value + 1;
      at += readLeb(bytes, at).length;
    }
    items.push({ start, end: at });
  }
  return { header: { start: section.start, end: section.contentStart }, items };
}

function readLeb(bytes: Uint8Array, at: number): { value: number; length: number } {
  let value = 0;
  let length = 0;
  for (;;) {
    const b = bytes[at + length] ?? 0;
    value += (b & 0x7f) * 2 ** (7 * length);
    length++;
    if ((b & 0x80) === 0 || length >= 5) return { value, length };
  }
}

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return out;
}

/** Rebuilds a vector section with `replace(i)` for each entry (null drops it). */
function rewriteSection(
  bytes: Uint8Array,
  sectionId: number,
  replace: (index: number, entry: Uint8Array) => readonly number[] | null,
): Uint8Array {
  const found = entries(bytes, sectionId);
  if (!found) return bytes;
  const kept: number[][] = [];
  found.items.forEach((item, i) => {
    const next = replace(i, bytes.subarray(item.start, item.end));
    if (next) kept.push([...next]);
  });
  const content = [...leb(kept.length), ...kept.flat()];
  const sectionEnd = found.items.at(-1)?.end ?? found.header.end + 1;
  const out = new Uint8Array(
    found.header.start + 1 + leb(content.length).length + content.length + bytes.length - sectionEnd,
  );
  out.set(bytes.subarray(0, found.header.start));
  out.set([sectionId, ...leb(content.length), ...content], found.header.start);
  out.set(bytes.subarray(sectionEnd), out.length - (bytes.length - sectionEnd));
  return out;
}

export function exportCount(bytes: Uint8Array): number {
  return entries(bytes, EXPORT_SECTION)?.items.length ?? 0;
}

export function bodyCount(bytes: Uint8Array): number {
  return entries(bytes, CODE_SECTION)?.items.length ?? 0;
}

export function dropExport(bytes: Uint8Array, index: number): Uint8Array {
  return rewriteSection(bytes, EXPORT_SECTION, (i, entry) => (i === index ? null : Array.from(entry)));
}

export function stubBody(bytes: Uint8Array, index: number): Uint8Array {
  return rewriteSection(bytes, CODE_SECTION, (i, entry) =>
    i === index ? [...leb(UNREACHABLE_BODY.length), ...UNREACHABLE_BODY] : Array.from(entry),
  );
}

/**
 * Greedy reduction: drops each export and stubs each body in turn, keeping a change when
 * `verdict` of the result is still `target`; repeats until nothing more goes.
 */
export async function reduceBodies(
  bytes: Uint8Array,
  target: string,
  verdict: (candidate: Uint8Array) => Promise<string>,
): Promise<Uint8Array> {
  let current = bytes;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = exportCount(current) - 1; i >= 0; i--) {
      const candidate = dropExport(current, i);
      if ((await verdict(candidate)) === target) {
        current = candidate;
        changed = true;
      }
    }
    for (let i = bodyCount(current) - 1; i >= 0; i--) {
      const candidate = stubBody(current, i);
      if (candidate.length < current.length && (await verdict(candidate)) === target) {
        current = candidate;
        changed = true;
      }
    }
  }
  return current;
}
