import type {
  FunctionInstance,
  InstanceContext,
  MemoryInstance,
  Reference,
  TableInstance,
} from "@microwasm/interpreter";

/** A global as compiled code reads and writes it: typed views of its one 16-byte slot. */
export interface GlobalCells {
  readonly i32: Int32Array;
  readonly i64: BigInt64Array;
  readonly f64: Float64Array;
  readonly refs: Reference[];
}

/**
 * What the compiled functions of one instance reach (`I` in generated code): the same store
 * objects the interpreter's context holds, so both tiers see one state.
 */
export interface InstanceEnv {
  /** Direct entries of the module's own functions, by function index (lazily compiled). */
  readonly F: ((...args: never[]) => unknown)[];
  /** The same entries compiled without fuel checks (for stacks that are not `metered`). */
  readonly FU: ((...args: never[]) => unknown)[];
  readonly functions: readonly FunctionInstance[];
  readonly globals: readonly GlobalCells[];
  readonly tables: readonly TableInstance[];
  /** Memory 0, or null when the module has none. */
  readonly memory: MemoryInstance | null;
  readonly typeIds: Int32Array;
  /** The context's own arrays: a dropped segment is replaced there, for both tiers. */
  readonly datas: Uint8Array[];
  readonly elements: Reference[][];
  readonly noBytes: Uint8Array;
}

export function createInstanceEnv(
  ctx: InstanceContext,
  entries: ((...args: never[]) => unknown)[],
  unmeteredEntries: ((...args: never[]) => unknown)[],
): InstanceEnv {
  return {
    F: entries,
    FU: unmeteredEntries,
    functions: ctx.functions,
    globals: ctx.globals.map((g) => ({
      i32: g.cells.i32,
      i64: new BigInt64Array(g.cells.i32.buffer, g.cells.i32.byteOffset, 1),
      f64: g.cells.f64,
      refs: g.cells.refs,
    })),
    tables: ctx.tables,
    memory: ctx.memories[0] ?? null,
    typeIds: ctx.typeIds,
    datas: ctx.datas,
    elements: ctx.elements,
    noBytes: new Uint8Array(0),
  };
}
