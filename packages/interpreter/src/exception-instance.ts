import type { WasmFrame } from "@microwasm/core";
import type { TagInstance } from "./tag-instance.js";
import { type CellViews, createCellViews, readValue, writeValue } from "./value-cells.js";
import type { Reference, Value } from "./values.js";

/**
 * A wasm exception: a tag and its payload. It is what `throw` throws (a plain object, not an
 * `Error`: capturing a JS stack per throw would cost more than the unwinding), what an exnref
 * holds, and what propagates, as a JS exception, out of `invoke` when nothing catches it. The
 * payload is kept as cells, so float bit patterns survive as they were thrown.
 */
export class ExceptionInstance {
  /** @internal one slot per payload value (see value-cells.ts) */
  readonly payload: CellViews;
  /**
   * Where it was thrown, innermost first, as far as the host could see it: set when it leaves
   * wasm uncaught (empty before).
   */
  wasmStack: readonly WasmFrame[] = [];

  /** @internal use `createException`, or catch one. */
  constructor(
    readonly tag: TagInstance,
    payload: CellViews,
  ) {
    this.payload = payload;
  }

  /** The payload as boundary values, in the tag type's order. */
  get values(): Value[] {
    return this.tag.type.params.map((type, i) => readValue(this.payload, i * 4, type));
  }
}

/** An exception of `tag` with `values` (one per parameter of the tag's type) as its payload. */
export function createException(tag: TagInstance, values: readonly Value[]): ExceptionInstance {
  const params = tag.type.params;
  if (values.length !== params.length) {
    throw new TypeError(`the tag's payload has ${params.length} values, not ${values.length}`);
  }
  const payload = createCellViews(params.length);
  for (let i = 0; i < params.length; i++) writeValue(payload, i * 4, params[i]!, values[i]!);
  return new ExceptionInstance(tag, payload);
}

/** @internal An exception whose payload is copied from `count` slots of `from` at cell `cell`. */
export function exceptionFromCells(tag: TagInstance, from: CellViews, cell: number): ExceptionInstance {
  const count = tag.type.params.length;
  const payload = createCellViews(count);
  payload.i32.set(from.i32.subarray(cell, cell + count * 4));
  for (let i = 0; i < count; i++) payload.refs[i] = from.refs[(cell >> 2) + i] as Reference;
  return new ExceptionInstance(tag, payload);
}
