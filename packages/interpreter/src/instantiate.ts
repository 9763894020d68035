import {
  ExternalKind,
  externalKindNames,
  funcTypesEqual,
  type Import,
  type Limits,
  LinkError,
  type Module,
  PAGE_SIZE,
  RuntimeError,
  SegmentMode,
  valTypeName,
} from "@microwasm/core";
import type { CompiledModule } from "./compile-module.js";
import { evaluateConstExpr } from "./const-expr.js";
import type { ExecStack } from "./exec-stack.js";
import type { ExternalValue } from "./external-value.js";
import { FunctionInstance } from "./function-instance.js";
import { GlobalInstance } from "./global-instance.js";
import type { InstanceContext } from "./instance-context.js";
import { invoke } from "./invoke.js";
import type { MemoryBudget } from "./memory-budget.js";
import { MemoryInstance } from "./memory-instance.js";
import { TableInstance } from "./table-instance.js";
import { canonicalTypeId } from "./type-ids.js";
import { defaultValue } from "./value-cells.js";
import type { Reference } from "./values.js";

export interface InstantiateOptions {
  /** Reserved for resource limits; the execution stack comes from `invoke`. */
  readonly maxCallDepth?: number;
  /**
   * Where the module's own memories and tables draw their bytes from (initially and when they
   * grow). A refusal while instantiating throws `RangeError`; the caller gives back what its
   * budget handed out. Default: no budget.
   */
  readonly budget?: MemoryBudget;
  /** The stack the start function runs on (default: the shared default stack). */
  readonly stack?: ExecStack;
  /**
   * Called with the new instance once segments are applied, before the start function runs:
   * lets an embedder hand natives the instance's memory before any wasm code runs.
   */
  readonly beforeStart?: (instance: ModuleInstance) => void;
}

export interface ModuleInstance {
  readonly module: Module;
  /** Exports in declaration order. */
  readonly exports: ReadonlyMap<string, ExternalValue>;
  /** The memory index space (imports first), exported or not: what an embedder's natives reach. */
  readonly memories: readonly MemoryInstance[];
}

/**
 * Links `imports` (one per module import, in order) and instantiates, following the 2.0
 * instantiation order: store objects, then active element segments and data segments in
 * order (a segment out of bounds traps; what earlier segments wrote stays), then the start
 * function. Throws `LinkError` for a mismatched import, `RuntimeError` for a trap.
 */
export function instantiateModule(
  compiled: CompiledModule,
  imports: readonly ExternalValue[],
  options: InstantiateOptions = {},
): ModuleInstance {
  const { module } = compiled;
  if (imports.length !== module.imports.length) {
    throw new LinkError("unknown import", `expected ${module.imports.length} imports, got ${imports.length}`);
  }
  const ctx: InstanceContext = {
    functions: [],
    tables: [],
    memories: [],
    globals: [],
    typeIds: Int32Array.from(module.types, canonicalTypeId),
    elements: [],
    datas: [],
    elementSegments: module.elements,
    dataSegments: module.datas,
  };
  for (let i = 0; i < module.imports.length; i++) linkImport(module, module.imports[i]!, imports[i]!, ctx);

  for (const fn of compiled.functions)
    ctx.functions.push(new FunctionInstance(fn.type, fn.name, null, fn, ctx));
  for (const global of module.globals) {
    const instance = new GlobalInstance(global.type, defaultValue(global.type.type));
    evaluateConstExpr(global.init, ctx, instance.cells, 0);
    ctx.globals.push(instance);
  }
  for (const type of module.tables) ctx.tables.push(new TableInstance(type, null, options.budget));
  for (const type of module.memories) ctx.memories.push(new MemoryInstance(type, options.budget));

  const scratch = new GlobalInstance({ type: 0x7f, mutable: true }, 0).cells;
  for (const segment of module.elements) {
    ctx.elements.push(
      segment.init.map((expr): Reference => {
        evaluateConstExpr(expr, ctx, scratch, 0);
        return scratch.refs[0] ?? null;
      }),
    );
  }
  for (const segment of module.datas) ctx.datas.push(segment.bytes);

  const exports = new Map<string, ExternalValue>();
  for (const exp of module.exports) exports.set(exp.name, exportedValue(ctx, exp.kind, exp.index));
  const instance: ModuleInstance = { module, exports, memories: ctx.memories };

  module.elements.forEach((segment, i) => {
    if (segment.mode === SegmentMode.active) {
      evaluateConstExpr(segment.offset!, ctx, scratch, 0);
      const offset = scratch.i32[0]! >>> 0;
      const table = ctx.tables[segment.table]!;
      const elements = ctx.elements[i]!;
      if (offset + elements.length > table.elements.length) throw new RuntimeError("tableOutOfBounds");
      for (let k = 0; k < elements.length; k++) table.elements[offset + k] = elements[k]!;
    }
    if (segment.mode !== SegmentMode.passive) ctx.elements[i] = [];
  });
  module.datas.forEach((segment, i) => {
    if (segment.mode !== SegmentMode.active) return;
    evaluateConstExpr(segment.offset!, ctx, scratch, 0);
    const memory = ctx.memories[segment.memory]!;
    // A 64-bit memory's offset is an i64 (as a number: beyond 2^53 it is out of bounds anyway).
    const offset = (scratch.i32[0]! >>> 0) + (memory.type.is64 ? (scratch.i32[1]! >>> 0) * 2 ** 32 : 0);
    if (offset + segment.bytes.length > memory.byteLength) throw new RuntimeError("memoryOutOfBounds");
    memory.u8.set(segment.bytes, offset);
    ctx.datas[i] = new Uint8Array(0);
  });

  options.beforeStart?.(instance);
  if (module.start !== null) invoke(ctx.functions[module.start]!, [], options.stack);
  return instance;
}

function exportedValue(ctx: InstanceContext, kind: number, index: number): ExternalValue {
  switch (kind) {
    case ExternalKind.func:
      return ctx.functions[index]!;
    case ExternalKind.table:
      return ctx.tables[index]!;
    case ExternalKind.memory:
      return ctx.memories[index]!;
    default:
      return ctx.globals[index]!;
  }
}

/** Whether actual limits {min, max} satisfy declared ones (the spec's import subtyping). */
function limitsMatch(actualMin: number, actualMax: number | undefined, declared: Limits): boolean {
  if (actualMin < declared.min) return false;
  if (declared.max === undefined) return true;
  return actualMax !== undefined && actualMax <= declared.max;
}

function linkImport(module: Module, imp: Import, value: ExternalValue, ctx: InstanceContext): void {
  const where = `${imp.module}.${imp.name}`;
  const mismatch = (detail: string) =>
    new LinkError(
      "incompatible import type",
      `${where}: expected ${externalKindNames[imp.desc.kind]}, ${detail}`,
    );
  const desc = imp.desc;
  switch (desc.kind) {
    case ExternalKind.func: {
      if (!(value instanceof FunctionInstance)) throw mismatch("got another kind");
      const expected = module.types[desc.typeIndex]!;
      if (!funcTypesEqual(value.type, expected)) throw mismatch("function type differs");
      ctx.functions.push(value);
      return;
    }
    case ExternalKind.table: {
      if (!(value instanceof TableInstance)) throw mismatch("got another kind");
      if (value.type.elemType !== desc.type.elemType) throw mismatch("element type differs");
      if (!limitsMatch(value.elements.length, value.type.limits.max, desc.type.limits))
        throw mismatch("limits differ");
      ctx.tables.push(value);
      return;
    }
    case ExternalKind.memory: {
      if (!(value instanceof MemoryInstance)) throw mismatch("got another kind");
      const max = value.type.limits.max;
      if (!limitsMatch(value.byteLength / PAGE_SIZE, max, desc.type.limits)) throw mismatch("limits differ");
      if (value.type.shared !== desc.type.shared) throw mismatch("sharedness differs");
      if ((value.type.is64 ?? false) !== (desc.type.is64 ?? false)) throw mismatch("address type differs");
      ctx.memories.push(value);
      return;
    }
    case ExternalKind.global: {
      if (!(value instanceof GlobalInstance)) throw mismatch("got another kind");
      if (value.type.type !== desc.type.type || value.type.mutable !== desc.type.mutable) {
        throw mismatch(`global type ${valTypeName(value.type.type)} differs`);
      }
      ctx.globals.push(value);
      return;
    }
  }
}
