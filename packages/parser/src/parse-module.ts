import {
  type CustomSection,
  type DataSegment,
  type ElementSegment,
  type Export,
  type Features,
  type FuncType,
  type FunctionBody,
  type Global,
  type Import,
  type MemoryType,
  type Module,
  type NameSection,
  type TableType,
  wasm3Features,
} from "@microwasm/core";
import { readCodeSection } from "./code-section.js";
import { readCustomSection } from "./custom-section.js";
import { readDataCountSection } from "./data-count-section.js";
import { readDataSection } from "./data-section.js";
import { CodeDecoder, CodeSource } from "./decode-code.js";
import { decodeTablesFor } from "./decode-tables.js";
import { readElementSection } from "./element-section.js";
import { readExportSection } from "./export-section.js";
import { readFunctionSection } from "./function-section.js";
import { readGlobalSection } from "./global-section.js";
import { readImportSection } from "./import-section.js";
import { readMemorySection } from "./memory-section.js";
import { readNameSection } from "./name-section.js";
import type { ParseContext } from "./parse-context.js";
import { Reader } from "./reader.js";
import { malformed, Reason } from "./reasons.js";
import { SectionId, sectionOrder } from "./section-ids.js";
import { readStartSection } from "./start-section.js";
import { readTableSection } from "./table-section.js";
import { readTypeSection } from "./type-section.js";

const MAGIC = 0x6d736100; // "\0asm"
const VERSION = 1;

/**
 * Decodes a module binary. Throws `CompileError` (kind "malformed") with the spec's reason and
 * the byte offset where decoding failed; never anything else. Nothing is validated beyond
 * well-formedness: constant expressions and bodies are decoded, not type-checked.
 */
export function parseModule(bytes: Uint8Array, features: Features = wasm3Features): Module {
  const tables = decodeTablesFor(features);
  const r = new Reader(bytes, 0, bytes.length);
  const code = new CodeDecoder(new CodeSource(bytes, tables), bytes.length);
  const ctx: ParseContext = { reader: r, tables, code };

  if (r.word() !== MAGIC) throw malformed(Reason.magic, 0);
  if (r.word() !== VERSION) throw malformed(Reason.version, 4);

  let types: FuncType[] = [];
  let imports: Import[] = [];
  let functions: number[] = [];
  let tableTypes: TableType[] = [];
  let memories: MemoryType[] = [];
  let globals: Global[] = [];
  let exports: Export[] = [];
  let start: number | null = null;
  let elements: ElementSegment[] = [];
  let dataCount: number | null = null;
  let codes: FunctionBody[] = [];
  let datas: DataSegment[] = [];
  const customSections: CustomSection[] = [];
  let names: NameSection | null = null;
  let seenName = false;
  let bodiesUseDataIndex = false;

  let lastOrder = 0;
  while (!r.atEnd()) {
    const idAt = r.pos;
    const id = r.u8();
    if (id > SectionId.dataCount || (id === SectionId.dataCount && !features.bulkMemory)) {
      throw malformed(Reason.sectionId, idAt);
    }
    // As in the reference decoder, a section out of order ends the module: what remains is
    // content after the last section.
    if (id !== SectionId.custom) {
      const order = sectionOrder[id]!;
      if (order <= lastOrder) throw malformed(Reason.contentAfterLastSection, idAt);
      lastOrder = order;
    }
    const size = r.len32();
    const begin = r.pos;
    const end = begin + size;
    switch (id) {
      case SectionId.custom: {
        const section = readCustomSection(r, end);
        customSections.push(section);
        if (section.name === "name" && !seenName) {
          seenName = true;
          names = readNameSection(section.bytes);
        }
        break;
      }
      case SectionId.type:
        types = readTypeSection(ctx);
        break;
      case SectionId.import:
        imports = readImportSection(ctx);
        break;
      case SectionId.function:
        functions = readFunctionSection(ctx);
        break;
      case SectionId.table:
        tableTypes = readTableSection(ctx);
        break;
      case SectionId.memory:
        memories = readMemorySection(ctx);
        break;
      case SectionId.global:
        globals = readGlobalSection(ctx);
        break;
      case SectionId.export:
        exports = readExportSection(ctx);
        break;
      case SectionId.start:
        start = readStartSection(ctx);
        break;
      case SectionId.element:
        elements = readElementSection(ctx);
        break;
      case SectionId.dataCount:
        dataCount = readDataCountSection(ctx);
        break;
      case SectionId.code:
        ctx.code.usesDataIndex = false;
        codes = readCodeSection(ctx);
        bodiesUseDataIndex = ctx.code.usesDataIndex;
        break;
      case SectionId.data:
        datas = readDataSection(ctx);
        break;
    }
    if (r.pos !== end) throw malformed(Reason.sectionSize, begin);
  }

  const moduleEnd = bytes.length;
  if (functions.length !== codes.length) throw malformed(Reason.functionCodeLengths, moduleEnd);
  if (dataCount !== null && dataCount !== datas.length) throw malformed(Reason.dataCountLengths, moduleEnd);
  if (dataCount === null && bodiesUseDataIndex) throw malformed(Reason.dataCountRequired, moduleEnd);

  return {
    types,
    imports,
    functions,
    tables: tableTypes,
    memories,
    globals,
    exports,
    start,
    elements,
    datas,
    dataCount,
    codes,
    customSections,
    names,
  };
}
