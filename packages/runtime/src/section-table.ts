import { ByteReader } from "./byte-reader.js";

export interface SectionInfo {
  readonly id: number;
  /** The section's name ("type", "code", ...) or, for a custom section, its own name. */
  readonly name: string;
  /** Offset of the section's contents and their size in bytes. */
  readonly offset: number;
  readonly size: number;
}

const names = [
  "custom",
  "type",
  "import",
  "function",
  "table",
  "memory",
  "global",
  "export",
  "start",
  "element",
  "code",
  "data",
  "datacount",
];

/**
 * The sections of a module that the parser has already accepted, with their offsets and
 * sizes (the parser's `Module` keeps contents, not layout).
 */
export function sectionTable(bytes: Uint8Array): SectionInfo[] {
  const reader = new ByteReader(bytes);
  reader.offset = 8;
  const sections: SectionInfo[] = [];
  while (!reader.done) {
    const id = reader.u8();
    const size = reader.u32();
    const offset = reader.offset;
    let name = names[id] ?? `unknown(${id})`;
    if (id === 0) name = new ByteReader(bytes.subarray(offset, offset + size)).name();
    sections.push({ id, name, offset, size });
    reader.offset = offset + size;
  }
  return sections;
}
