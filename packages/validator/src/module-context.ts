import { ExternalKind, type Features, type Module } from "@microwasm/core";
import { TypePool } from "./type-pool.js";

/**
 * What validating an instruction needs to know about the module (the spec's context C), as
 * flat typed arrays. Index spaces start with the imports.
 */
export interface ModuleContext {
  readonly features: Features;
  readonly pool: TypePool;
  /** Type index of every function. */
  readonly funcTypeIndex: Int32Array;
  readonly funcCount: number;
  /** Element type (reftype byte) of every table. */
  readonly tableElemType: Uint8Array;
  readonly tableCount: number;
  readonly memoryCount: number;
  /** 1 for every memory whose addresses are i64 (memory64). */
  readonly memory64: Uint8Array;
  /** Value type byte of every global, and 1 where it is mutable. */
  readonly globalType: Uint8Array;
  readonly globalMutable: Uint8Array;
  readonly globalCount: number;
  /** Constant expressions may only read imported globals (the 2.0 rule). */
  readonly importedGlobalCount: number;
  /** Element type of every element segment. */
  readonly elemType: Uint8Array;
  readonly elemCount: number;
  /** Number of data segments: the data count section's value when present. */
  readonly dataCount: number;
  /** 1 for each function that `ref.func` may name in a function body (C.refs). */
  readonly declaredFunc: Uint8Array;
}

/** Builds the context; type indices of functions must already be known to be in range. */
export function buildModuleContext(module: Module, features: Features): ModuleContext {
  const funcTypeIndex: number[] = [];
  const tableElemType: number[] = [];
  const globalType: number[] = [];
  const globalMutable: number[] = [];
  const memory64: number[] = [];
  for (const { desc } of module.imports) {
    switch (desc.kind) {
      case ExternalKind.func:
        funcTypeIndex.push(desc.typeIndex);
        break;
      case ExternalKind.table:
        tableElemType.push(desc.type.elemType);
        break;
      case ExternalKind.memory:
        memory64.push(desc.type.is64 ? 1 : 0);
        break;
      case ExternalKind.global:
        globalType.push(desc.type.type);
        globalMutable.push(desc.type.mutable ? 1 : 0);
        break;
    }
  }
  const importedGlobalCount = globalType.length;
  for (const typeIndex of module.functions) funcTypeIndex.push(typeIndex);
  for (const table of module.tables) tableElemType.push(table.elemType);
  for (const memory of module.memories) memory64.push(memory.is64 ? 1 : 0);
  for (const global of module.globals) {
    globalType.push(global.type.type);
    globalMutable.push(global.type.mutable ? 1 : 0);
  }
  return {
    features,
    pool: new TypePool(module.types),
    funcTypeIndex: Int32Array.from(funcTypeIndex),
    funcCount: funcTypeIndex.length,
    tableElemType: Uint8Array.from(tableElemType),
    tableCount: tableElemType.length,
    memoryCount: memory64.length,
    memory64: Uint8Array.from(memory64),
    globalType: Uint8Array.from(globalType),
    globalMutable: Uint8Array.from(globalMutable),
    globalCount: globalType.length,
    importedGlobalCount,
    elemType: Uint8Array.from(module.elements.map((e) => e.elemType)),
    elemCount: module.elements.length,
    dataCount: module.dataCount ?? module.datas.length,
    declaredFunc: new Uint8Array(funcTypeIndex.length),
  };
}
