import {
  type Code,
  CompileError,
  ExternalKind,
  type Features,
  type FuncType,
  type GlobalType,
  type Limits,
  MAX_PAGES,
  MAX_PAGES_64,
  type MemoryType,
  type Module,
  SegmentMode,
  type TableType,
  ValType,
  valTypeName,
  wasm3Features,
} from "@microwasm/core";
import { buildModuleContext, type ModuleContext } from "./module-context.js";
import { validateConstExpr } from "./validate-const-expr.js";
import { FunctionValidator } from "./validate-function.js";
import type { ValidatedFunction, ValidatedModule } from "./validated-module.js";

/**
 * Validates a decoded module against the WebAssembly 2.0 rules (or those of `features`) and
 * computes the side tables execution needs.
 *
 * Throws `CompileError` (kind "invalid") whose `reason` is the spec test suite's wording; index
 * errors use the reference interpreter's form with the index ("unknown memory 0"), of which the
 * suite's expected text is a prefix. The offset is the offending instruction's where there is
 * one; module-level errors without a recorded position have no offset.
 */
export function validateModule(module: Module, features: Features = wasm3Features): ValidatedModule {
  return validate(module, features, false);
}

/**
 * As `validateModule`, but every body's side tables are recorded during validation instead of
 * on first access (see `ValidatedBody`): what the lazy tables must equal, for tests.
 */
export function validateModuleEagerly(module: Module, features: Features = wasm3Features): ValidatedModule {
  return validate(module, features, true);
}

function validate(module: Module, features: Features, eagerSideTables: boolean): ValidatedModule {
  checkTypes(module, features);
  const { funcTypes, globalTypes, tableTypes } = indexSpaceTypes(module);
  const ctx = buildModuleContext(module, features);
  checkTablesAndMemories(module, ctx, features);

  for (const global of module.globals) validateConstExpr(ctx, global.init, global.type.type);
  module.elements.forEach((segment, index) => {
    for (const init of segment.init) validateConstExpr(ctx, init, segment.elemType);
    if (segment.mode !== SegmentMode.active) return;
    const offset = segment.offset;
    if (segment.table >>> 0 >= ctx.tableCount) invalid(`unknown table ${segment.table >>> 0}`, at(offset));
    const tableType = ctx.tableElemType[segment.table]!;
    if (tableType !== segment.elemType) {
      invalid(
        "type mismatch",
        at(offset),
        `element segment ${index} of ${valTypeName(segment.elemType)} for a table of ${valTypeName(tableType)}`,
      );
    }
    if (offset === null) invalid("type mismatch", undefined, `active element segment ${index} has no offset`);
    validateConstExpr(ctx, offset, ValType.i32);
  });
  module.datas.forEach((segment, index) => {
    if (segment.mode !== SegmentMode.active) return;
    const offset = segment.offset;
    if (segment.memory >>> 0 >= ctx.memoryCount)
      invalid(`unknown memory ${segment.memory >>> 0}`, at(offset));
    if (offset === null) invalid("type mismatch", undefined, `active data segment ${index} has no offset`);
    validateConstExpr(ctx, offset, ctx.memory64[segment.memory] === 1 ? ValType.i64 : ValType.i32);
  });

  checkExports(module, ctx);
  checkStart(module, ctx, funcTypes);

  if (module.codes.length !== module.functions.length) {
    invalid("function and code section have inconsistent lengths");
  }
  const validator = new FunctionValidator(ctx);
  const importedFuncs = ctx.funcCount - module.functions.length;
  const functions: ValidatedFunction[] = new Array(module.codes.length);
  module.codes.forEach((body, i) => {
    const funcIndex = importedFuncs + i;
    functions[i] = validator.validate(funcIndex, funcTypes[funcIndex]!, body, eagerSideTables);
  });
  return { module, funcTypes, globalTypes, tableTypes, functions };
}

/**
 * Where a segment's offset expression starts, for messages: read only on failure, since the
 * parser makes a `Code`'s arrays on first access.
 */
function at(offset: Code | null): number | undefined {
  return offset?.offsets[0];
}

function invalid(reason: string, offset?: number, detail?: string): never {
  throw new CompileError(reason, "invalid", offset, detail);
}

function checkTypes(module: Module, features: Features): void {
  if (!features.multiValue) {
    module.types.forEach((type, index) => {
      if (type.results.length > 1) invalid("invalid result arity", undefined, `type ${index}`);
    });
  }
  const typeCount = module.types.length;
  for (const { desc } of module.imports) {
    if (desc.kind === ExternalKind.func && desc.typeIndex >>> 0 >= typeCount) {
      invalid(`unknown type ${desc.typeIndex >>> 0}`);
    }
  }
  for (const typeIndex of module.functions) {
    if (typeIndex >>> 0 >= typeCount) invalid(`unknown type ${typeIndex >>> 0}`);
  }
}

/** The types of the function, global and table index spaces, imports first. */
function indexSpaceTypes(module: Module): {
  funcTypes: FuncType[];
  globalTypes: GlobalType[];
  tableTypes: TableType[];
} {
  const funcTypes: FuncType[] = [];
  const globalTypes: GlobalType[] = [];
  const tableTypes: TableType[] = [];
  for (const { desc } of module.imports) {
    if (desc.kind === ExternalKind.func) funcTypes.push(module.types[desc.typeIndex]!);
    else if (desc.kind === ExternalKind.global) globalTypes.push(desc.type);
    else if (desc.kind === ExternalKind.table) tableTypes.push(desc.type);
  }
  for (const typeIndex of module.functions) funcTypes.push(module.types[typeIndex]!);
  for (const global of module.globals) globalTypes.push(global.type);
  tableTypes.push(...module.tables);
  return { funcTypes, globalTypes, tableTypes };
}

function checkTablesAndMemories(module: Module, ctx: ModuleContext, features: Features): void {
  const memories: MemoryType[] = [];
  for (const { desc } of module.imports) {
    if (desc.kind === ExternalKind.table)
      checkLimits(desc.type.limits, 0xffffffff, "table size must be at most 2^32-1");
    if (desc.kind === ExternalKind.memory) memories.push(desc.type);
  }
  for (const table of module.tables)
    checkLimits(table.limits, 0xffffffff, "table size must be at most 2^32-1");
  memories.push(...module.memories);
  for (const memory of memories) {
    if (memory.is64) checkLimits(memory.limits, MAX_PAGES_64, "memory size must be at most 2^48 pages");
    else checkLimits(memory.limits, MAX_PAGES, "memory size must be at most 65536 pages (4GiB)");
    if (memory.shared && memory.limits.max === undefined) invalid("shared memory must have maximum");
  }
  if (!features.multiMemory && ctx.memoryCount > 1) invalid("multiple memories");
  if (!features.referenceTypes && ctx.tableCount > 1) invalid("multiple tables");
}

function checkLimits(limits: Limits, range: number, rangeMessage: string): void {
  if (limits.min > range) invalid(rangeMessage);
  if (limits.max !== undefined) {
    if (limits.max > range) invalid(rangeMessage);
    if (limits.min > limits.max) invalid("size minimum must not be greater than maximum");
  }
}

/** Checks export indices and names, and marks exported functions as declared references. */
function checkExports(module: Module, ctx: ModuleContext): void {
  const names = new Set<string>();
  for (const { name, kind, index } of module.exports) {
    const i = index >>> 0;
    switch (kind) {
      case ExternalKind.func:
        if (i >= ctx.funcCount) invalid(`unknown function ${i}`);
        ctx.declaredFunc[i] = 1;
        break;
      case ExternalKind.table:
        if (i >= ctx.tableCount) invalid(`unknown table ${i}`);
        break;
      case ExternalKind.memory:
        if (i >= ctx.memoryCount) invalid(`unknown memory ${i}`);
        break;
      case ExternalKind.global:
        if (i >= ctx.globalCount) invalid(`unknown global ${i}`);
        break;
    }
    if (names.has(name)) invalid("duplicate export name", undefined, JSON.stringify(name));
    names.add(name);
  }
}

function checkStart(module: Module, ctx: ModuleContext, funcTypes: readonly FuncType[]): void {
  if (module.start === null) return;
  const start = module.start >>> 0;
  if (start >= ctx.funcCount) invalid(`unknown function ${start}`);
  const type = funcTypes[start]!;
  if (type.params.length !== 0 || type.results.length !== 0) {
    invalid("start function must not have parameters or results");
  }
}
