import type { GlobalType } from "@microwasm/core";
import { type CellViews, readValue, writeValue } from "./value-cells.js";
import type { Reference, Value } from "./values.js";

/** A global: its value lives in one 16-byte slot (numbers, v128) or `refs[0]` (references). */
export class GlobalInstance {
  readonly cells: CellViews;

  constructor(
    readonly type: GlobalType,
    value: Value,
  ) {
    const buffer = new ArrayBuffer(16);
    this.cells = {
      i32: new Int32Array(buffer),
      f32: new Float32Array(buffer),
      f64: new Float64Array(buffer),
      refs: [null as Reference],
    };
    writeValue(this.cells, 0, type.type, value);
  }

  get value(): Value {
    return readValue(this.cells, 0, this.type.type);
  }
  /** Sets the value regardless of mutability; the JS API checks mutability itself. */
  set value(v: Value) {
    writeValue(this.cells, 0, this.type.type, v);
  }
}
