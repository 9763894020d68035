import { ExternalKind, type GlobalType, type Module, type TableType } from "@microwasm/core";
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
    globals: globalTypesOf(module),
    tables: tableTypesOf(module),
  };
  const functions = validated.functions.map((fn) =>
    compileFunction(fn, shape, module.names?.functions.get(fn.funcIndex)),
  );
  return { module, validated, functions };
}

/** The global index space's types: imports first. */
export function globalTypesOf(module: Module): GlobalType[] {
  const types: GlobalType[] = [];
  for (const imp of module.imports) if (imp.desc.kind === ExternalKind.global) types.push(imp.desc.type);
  for (const g of module.globals) types.push(g.type);
  return types;
}

export function tableTypesOf(module: Module): TableType[] {
  const types: TableType[] = [];
  for (const imp of module.imports) if (imp.desc.kind === ExternalKind.table) types.push(imp.desc.type);
  types.push(...module.tables);
  return types;
}
