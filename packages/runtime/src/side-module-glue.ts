import {
  ExternalKind,
  type GlobalType,
  type Import,
  LinkError,
  type Module,
  PAGE_SIZE,
  ValType,
} from "@microwasm/core";
import {
  createHostFunction,
  type ExternalValue,
  FunctionInstance,
  GlobalInstance,
  MemoryInstance,
  TableInstance,
  type Value,
} from "@microwasm/interpreter";
import type { DylinkInfo } from "./dylink-section.js";
import { ExceptionRaised } from "./errors.js";
import type { ImportProvider } from "./link-imports.js";

/** The guest C stack of a side module (emscripten's default stack size). */
const DEFAULT_STACK_SIZE = 64 * 1024;
/** Addresses below this stay unused, so that small invalid pointers do not hit data. */
const LOW_RESERVED = 1024;

const alignUp = (value: number, alignment: number) => Math.ceil(value / alignment) * alignment;

/** Where the glue put things in the side module's memory and table. */
export interface SideModuleLayout {
  readonly memoryBase: number;
  readonly tableBase: number;
  /** The C stack: [stackLow, stackHigh), growing down from stackHigh. */
  readonly stackLow: number;
  readonly stackHigh: number;
  /** First free byte after everything: where the app heap starts. */
  readonly heapBase: number;
  /** Bytes of app heap from `heapBase` (0: none). */
  readonly heapSize: number;
}

/**
 * What a dynamic linker gives an emscripten side module (or any `-shared` wasm library)
 * when it is the only module: `env.memory` sized for its data, a C stack and argv;
 * `env.__indirect_function_table`; `__memory_base`, `__table_base`, `__stack_pointer`;
 * `GOT.mem.*` / `GOT.func.*` entries resolved against the module's own exports; the
 * stack-check hook. Then `initialize` runs `__wasm_apply_data_relocs`, `__set_stack_limits`
 * and `__wasm_call_ctors` (each unless it is the start function, which instantiation ran).
 * The memory also holds the app heap after the stack. Libc functions (`env.printf`,
 * `env.malloc`, ...) are not this glue's: they are natives.
 */
export class SideModuleGlue {
  readonly layout: SideModuleLayout;
  private memory: MemoryInstance | null = null;
  private table: TableInstance | null = null;
  private readonly got: { kind: "mem" | "func"; name: string; global: GlobalInstance }[] = [];
  private readonly startFunction: number | null;

  constructor(module: Module, info: DylinkInfo, heapSize: number, stackSize = DEFAULT_STACK_SIZE) {
    this.startFunction = module.start;
    const memoryImport = module.imports.find((i) => i.desc.kind === ExternalKind.memory);
    const maxPages =
      memoryImport?.desc.kind === ExternalKind.memory ? memoryImport.desc.type.limits.max : undefined;
    const memoryBase = alignUp(LOW_RESERVED, Math.max(2 ** info.memoryAlignment, 16));
    const stackLow = alignUp(memoryBase + info.memorySize, 16);
    let stack = stackSize;
    if (maxPages !== undefined) {
      const room = maxPages * PAGE_SIZE - stackLow - heapSize;
      if (room < 1024)
        throw new LinkError(
          "incompatible import type",
          "env.memory: the side module's maximum memory is too small",
        );
      stack = Math.min(stack, Math.floor(room / 2 / 16) * 16);
    }
    const stackHigh = stackLow + stack;
    this.layout = {
      memoryBase,
      tableBase: alignUp(1, 2 ** info.tableAlignment),
      stackLow,
      stackHigh,
      heapBase: alignUp(stackHigh, 16),
      heapSize,
    };
    this.tableSize = this.layout.tableBase + info.tableSize;
  }

  private readonly tableSize: number;

  /** The provider of the glue's imports. */
  readonly provider: ImportProvider = (imp, type) => {
    if (imp.module === "GOT.mem" || imp.module === "GOT.func") return this.gotEntry(imp);
    if (imp.module !== "env") return undefined;
    switch (imp.desc.kind) {
      case ExternalKind.memory:
        return this.createMemory(imp);
      case ExternalKind.table:
        return this.createTable(imp);
      case ExternalKind.global:
        return this.global(imp.name, imp.desc.type);
      case ExternalKind.func:
        if (imp.name === "__handle_stack_overflow" && type !== undefined) {
          return createHostFunction(type, () => {
            throw new ExceptionRaised("stack overflow");
          });
        }
        return undefined;
    }
  };

  /**
   * After instantiation: resolves the GOT against the module's exports, relocates data, sets
   * the stack limits and runs the constructors, each through `call`.
   */
  initialize(
    exports: ReadonlyMap<string, ExternalValue>,
    call: (fn: FunctionInstance, args: Value[]) => void,
  ): void {
    for (const entry of this.got) {
      const value = exports.get(entry.name);
      if (entry.kind === "mem" && value instanceof GlobalInstance) {
        entry.global.value = (this.layout.memoryBase + (value.value as number)) | 0;
      } else if (entry.kind === "func" && value instanceof FunctionInstance && this.table !== null) {
        const index = this.table.grow(1, value);
        entry.global.value = index;
      }
    }
    for (const [name, args] of [
      ["__wasm_apply_data_relocs", []],
      ["__set_stack_limits", [this.layout.stackHigh, this.layout.stackLow]],
      ["__wasm_call_ctors", []],
    ] as const) {
      const fn = exports.get(name);
      // wasm-ld may make one of them the start function, which instantiation already ran.
      if (!(fn instanceof FunctionInstance) || fn.index === this.startFunction) continue;
      if (fn.type.params.length === args.length) call(fn, [...args]);
    }
  }

  /** The memory the glue made (where the app heap is), once linked. */
  get linkedMemory(): MemoryInstance | null {
    return this.memory;
  }

  private createMemory(imp: Import): MemoryInstance {
    if (imp.desc.kind !== ExternalKind.memory) throw new Error("unreachable");
    const limits = imp.desc.type.limits;
    const end = this.layout.heapBase + this.layout.heapSize;
    const pages = Math.max(limits.min, Math.ceil(end / PAGE_SIZE));
    if (limits.max !== undefined && pages > limits.max) {
      throw new LinkError(
        "incompatible import type",
        `${imp.module}.${imp.name}: too small for the side module`,
      );
    }
    this.memory ??= new MemoryInstance({ limits: { min: pages, max: limits.max }, shared: false });
    return this.memory;
  }

  private createTable(imp: Import): TableInstance {
    if (imp.desc.kind !== ExternalKind.table) throw new Error("unreachable");
    const limits = imp.desc.type.limits;
    const size = Math.max(limits.min, this.tableSize);
    this.table ??= new TableInstance(
      { elemType: imp.desc.type.elemType, limits: { min: size, max: limits.max } },
      null,
    );
    return this.table;
  }

  private global(name: string, type: GlobalType): GlobalInstance | undefined {
    if (type.type !== ValType.i32) return undefined;
    const value =
      name === "__memory_base"
        ? this.layout.memoryBase
        : name === "__table_base"
          ? this.layout.tableBase
          : name === "__stack_pointer"
            ? this.layout.stackHigh
            : name === "__heap_base"
              ? this.layout.heapBase
              : undefined;
    if (value === undefined) return undefined;
    return new GlobalInstance(type, value);
  }

  private gotEntry(imp: Import): GlobalInstance | undefined {
    if (imp.desc.kind !== ExternalKind.global || imp.desc.type.type !== ValType.i32) return undefined;
    const global = new GlobalInstance(imp.desc.type, 0);
    this.got.push({ kind: imp.module === "GOT.mem" ? "mem" : "func", name: imp.name, global });
    return global;
  }
}
