import { type RefType, ValType } from "@microwasm/core";
import { type Reference, TableInstance } from "@microwasm/interpreter";
import { defaultValue, toJsValue, toWasmValue } from "./boundary.js";
import { toDictionary, toU32EnforceRange } from "./webidl.js";

export type TableKind = "anyfunc" | "funcref" | "externref";

export interface TableDescriptor {
  readonly element: TableKind;
  readonly initial: number;
  readonly maximum?: number;
}

const instances = new WeakMap<object, TableInstance>();
const wrappers = new WeakMap<TableInstance, Table>();

function toElementType(element: unknown): RefType {
  if (element === "anyfunc" || element === "funcref") return ValType.funcref;
  if (element === "externref") return ValType.externref;
  throw new TypeError(`invalid table element type ${String(element)}`);
}

/** `WebAssembly.Table`: a table of function or extern references. */
export class Table {
  constructor(descriptor: TableDescriptor, value?: unknown) {
    const d = toDictionary(descriptor, "Table descriptor");
    const elemType = toElementType(d["element"]);
    const initialValue = d["initial"] ?? d["minimum"];
    if (initialValue === undefined) throw new TypeError("Table descriptor needs an initial size");
    const initial = toU32EnforceRange(initialValue, "initial");
    const maximum = d["maximum"] === undefined ? undefined : toU32EnforceRange(d["maximum"], "maximum");
    if (maximum !== undefined && maximum < initial)
      throw new RangeError("maximum table size is less than initial");
    const init = value === undefined ? defaultValue(elemType) : toWasmValue(value, elemType);
    // TableInstance throws a RangeError past the implementation's size limit.
    bind(this, new TableInstance({ elemType, limits: { min: initial, max: maximum } }, init as Reference));
  }

  get length(): number {
    return tableOf(this).length;
  }

  get(index: number): unknown {
    const table = tableOf(this);
    const i = toU32EnforceRange(index, "index");
    if (i >= table.length) throw new RangeError(`table index ${i} is out of bounds (length ${table.length})`);
    return toJsValue(table.elements[i]!, table.type.elemType);
  }

  set(index: number, value?: unknown): void {
    const table = tableOf(this);
    const i = toU32EnforceRange(index, "index");
    if (i >= table.length) throw new RangeError(`table index ${i} is out of bounds (length ${table.length})`);
    const type = table.type.elemType;
    table.elements[i] = (value === undefined ? defaultValue(type) : toWasmValue(value, type)) as Reference;
  }

  /** Grows by `delta` elements set to `value`; returns the old length. RangeError when it cannot. */
  grow(delta: number, value?: unknown): number {
    const table = tableOf(this);
    const n = toU32EnforceRange(delta, "delta");
    const type = table.type.elemType;
    const init = (value === undefined ? defaultValue(type) : toWasmValue(value, type)) as Reference;
    const old = table.grow(n, init);
    if (old === -1) throw new RangeError("WebAssembly.Table.grow(): failed to grow table");
    return old;
  }

  get [Symbol.toStringTag](): string {
    return "WebAssembly.Table";
  }
}

function bind(wrapper: Table, table: TableInstance): void {
  instances.set(wrapper, table);
  wrappers.set(table, wrapper);
}

function tableOf(value: unknown): TableInstance {
  const table = tableInstanceOf(value);
  if (!table) throw new TypeError("receiver is not a WebAssembly.Table");
  return table;
}

/** The store table behind a `Table`, or undefined for any other value. */
export function tableInstanceOf(value: unknown): TableInstance | undefined {
  return typeof value === "object" && value !== null ? instances.get(value) : undefined;
}

/** The one `Table` object for a store table. */
export function wrapTable(table: TableInstance): Table {
  let wrapper = wrappers.get(table);
  if (!wrapper) {
    wrapper = Object.create(Table.prototype) as Table;
    bind(wrapper, table);
  }
  return wrapper;
}
