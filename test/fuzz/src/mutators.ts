import { Random } from "./random.js";

/**
 * Byte-level mutations of a real module: the damage a truncated download, a flipped bit or a
 * careless tool does, plus structure-aware ones that hit the binary format's length fields
 * (section sizes and the counts that start most sections), where decoders most often go wrong.
 */

export const MUTATIONS = [
  "truncate",
  "flip-bits",
  "set-bytes",
  "insert-bytes",
  "delete-bytes",
  "overlong-leb",
  "section-size",
  "section-count",
  "duplicate-section",
  "drop-section",
] as const;
export type Mutation = (typeof MUTATIONS)[number];

interface Section {
  readonly id: number;
  /** Offset of the id byte. */
  readonly start: number;
  /** Offset and length (in bytes) of the size LEB. */
  readonly sizeAt: number;
  readonly sizeLength: number;
  readonly contentStart: number;
  readonly end: number;
}

/** The section headers of a module, as far as they can be read (mutations stack). */
export function readSections(bytes: Uint8Array): Section[] {
  const out: Section[] = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at]!;
    const leb = readU32(bytes, at + 1);
    if (!leb) break;
    const end = at + 1 + leb.length + leb.value;
    if (end > bytes.length) break;
    out.push({
      id,
      start: at,
      sizeAt: at + 1,
      sizeLength: leb.length,
      contentStart: at + 1 + leb.length,
      end,
    });
    at = end;
  }
  return out;
}

function readU32(bytes: Uint8Array, at: number): { value: number; length: number } | null {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const b = bytes[at + i];
    if (b === undefined) return null;
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return { value, length: i + 1 };
  }
  return null;
}

/** `value` as an unsigned LEB128 of exactly `length` bytes (padded with continuation bytes). */
export function paddedLeb(value: number, length: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    const last = i === length - 1;
    out.push((Math.floor(value / 2 ** (7 * i)) & 0x7f) | (last ? 0 : 0x80));
  }
  return out;
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: readonly number[]): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

/** Applies one mutation of the given kind (or returns the input when it has nothing to work on). */
export function mutate(bytes: Uint8Array, kind: Mutation, random: Random): Uint8Array {
  const n = bytes.length;
  const sections = readSections(bytes);
  const section = sections.length > 0 ? random.pick(sections) : undefined;
  switch (kind) {
    case "truncate":
      return bytes.slice(0, random.below(n));
    case "flip-bits": {
      const out = bytes.slice();
      for (let i = random.between(1, 4); i > 0 && n > 0; i--) out[random.below(n)]! ^= 1 << random.below(8);
      return out;
    }
    case "set-bytes": {
      const out = bytes.slice();
      const interesting = [0x00, 0x7f, 0x80, 0xff, 0x0b, 0x40, 0x60, 0x70, 0x6f, 0x7b, 0xfc, 0xfd];
      for (let i = random.between(1, 4); i > 0 && n > 0; i--) {
        out[random.below(n)] = random.below(2) === 0 ? random.pick(interesting) : random.below(256);
      }
      return out;
    }
    case "insert-bytes":
      return splice(bytes, random.below(n + 1), 0, Array.from(random.bytes(random.between(1, 8))));
    case "delete-bytes": {
      const at = random.below(n);
      return splice(bytes, at, Math.min(n - at, random.between(1, 8)), []);
    }
    case "overlong-leb": {
      // Padded to 5 bytes is still valid for a u32; 6 or more is "integer representation too long".
      if (!section) return bytes;
      const size = section.end - section.contentStart;
      return splice(bytes, section.sizeAt, section.sizeLength, paddedLeb(size, random.between(2, 7)));
    }
    case "section-size": {
      if (!section) return bytes;
      const size = section.end - section.contentStart;
      const delta = random.pick([-2, -1, 1, 2, 0x80, -size, 2 ** 31]);
      const changed = Math.max(0, Math.min(2 ** 32 - 1, size + delta));
      return splice(bytes, section.sizeAt, section.sizeLength, paddedLeb(changed, leb128Length(changed)));
    }
    case "section-count": {
      // Most sections start with a vector count.
      if (!section || section.id === 0 || section.contentStart >= section.end) return bytes;
      const count = readU32(bytes, section.contentStart);
      if (!count) return bytes;
      const changed = Math.max(0, count.value + random.pick([-1, 1, 2, 1000, 2 ** 32 - 1 - count.value]));
      const length = Math.max(count.length, leb128Length(changed));
      return splice(bytes, section.contentStart, count.length, paddedLeb(changed, length));
    }
    case "duplicate-section":
      return section
        ? splice(bytes, section.end, 0, Array.from(bytes.subarray(section.start, section.end)))
        : bytes;
    case "drop-section":
      return section ? splice(bytes, section.start, section.end - section.start, []) : bytes;
  }
}

function leb128Length(value: number): number {
  let length = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    length++;
  }
  return length;
}

/** One to three stacked mutations, chosen by `seed`; returns the bytes and what was done. */
export function mutateModule(bytes: Uint8Array, seed: number): { bytes: Uint8Array; applied: Mutation[] } {
  const random = new Random(seed);
  const applied: Mutation[] = [];
  let out = bytes;
  for (let i = random.between(1, 3); i > 0; i--) {
    const kind = random.pick(MUTATIONS);
    out = mutate(out, kind, random);
    applied.push(kind);
  }
  return { bytes: out, applied };
}
