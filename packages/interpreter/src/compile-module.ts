import { ExternalKind, type MemoryType, type Module } from "@microwasm/core";
import type { ValidatedModule } from "@microwasm/validator";
import { compileFunction, type ModuleShape } from "./compile-function.js";
import type { CompiledFunction } from "./compiled-function.js";

export interface CompiledModule {
  readonly module: Module;
  readonly validated: ValidatedModule;
  /** Internal code of each function defined in the module, in order. */
  readonly functions: readonly CompiledFunction[];
}

/** Translates every body of a validated module once; never throws for a validated module. */
export function compileModule(validated: ValidatedModule): CompiledModule {
  const { module } = validated;
  const shape: ModuleShape = {
    types: module.types,
    funcTypes: validated.funcTypes,
    globals: validated.globalTypes,
    tables: validated.tableTypes,
    memories: memoryTypes(module),
  };
  const functions = validated.functions.map((fn) =>
    compileFunction(fn, shape, module.names?.functions.get(fn.funcIndex)),
  );
  return { module, validated, functions };
}

function memoryTypes(module: Module): MemoryType[] {
  const types: MemoryType[] = [];
  for (const { desc } of module.imports) if (desc.kind === ExternalKind.memory) types.push(desc.type);
  types.push(...module.memories);
  return types;
}
