import type { Module } from "@microwasm/core";
import { ByteReader } from "./byte-reader.js";

/** What a dynamic library's `dylink.0` (or legacy `dylink`) custom section declares. */
export interface DylinkInfo {
  /** Bytes of static data the module places at `__memory_base`. */
  readonly memorySize: number;
  /** Alignment of that data, as a power of two. */
  readonly memoryAlignment: number;
  /** Table slots the module fills from `__table_base`. */
  readonly tableSize: number;
  readonly tableAlignment: number;
  /** Other libraries it needs (we load none: reported, not followed). */
  readonly neededLibraries: readonly string[];
}

const MEM_INFO = 1;
const NEEDED = 2;

/**
 * The dylink metadata of an emscripten side module or a `-shared` wasm library, or null for
 * a module that has none. Format: the tool-conventions' DynamicLinking.md (`dylink.0`:
 * subsections; legacy `dylink`: the four sizes then the needed libraries).
 */
export function readDylinkInfo(module: Module): DylinkInfo | null {
  const modern = module.customSections.find((s) => s.name === "dylink.0");
  if (modern) {
    const reader = new ByteReader(modern.bytes);
    let info: DylinkInfo = {
      memorySize: 0,
      memoryAlignment: 0,
      tableSize: 0,
      tableAlignment: 0,
      neededLibraries: [],
    };
    while (!reader.done) {
      const type = reader.u8();
      const size = reader.u32();
      const end = reader.offset + size;
      if (type === MEM_INFO) {
        info = {
          ...info,
          memorySize: reader.u32(),
          memoryAlignment: reader.u32(),
          tableSize: reader.u32(),
          tableAlignment: reader.u32(),
        };
      } else if (type === NEEDED) {
        const count = reader.u32();
        const needed: string[] = [];
        for (let i = 0; i < count; i++) needed.push(reader.name());
        info = { ...info, neededLibraries: needed };
      }
      reader.offset = end;
    }
    return info;
  }
  const legacy = module.customSections.find((s) => s.name === "dylink");
  if (!legacy) return null;
  const reader = new ByteReader(legacy.bytes);
  const memorySize = reader.u32();
  const memoryAlignment = reader.u32();
  const tableSize = reader.u32();
  const tableAlignment = reader.u32();
  const needed: string[] = [];
  if (!reader.done) {
    const count = reader.u32();
    for (let i = 0; i < count; i++) needed.push(reader.name());
  }
  return { memorySize, memoryAlignment, tableSize, tableAlignment, neededLibraries: needed };
}
