import { ValType as T, type ValType } from "@microwasm/core";
import type { Reference, Value } from "./values.js";

/**
 * Conversion between boundary `Value`s and the interpreter's cell representation: every value
 * occupies one 16-byte slot (4 int32 cells); i32/f32 use cell 0, i64/f64 cells 0-1 (little
 * endian), v128 all four; references live in a parallel JS array indexed by slot.
 */
export interface CellViews {
  readonly i32: Int32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly refs: Reference[];
}

export function createCellViews(slots: number): CellViews {
  const buffer = new ArrayBuffer(slots * 16);
  return {
    i32: new Int32Array(buffer),
    f32: new Float32Array(buffer),
    f64: new Float64Array(buffer),
    refs: new Array<Reference>(slots).fill(null),
  };
}

/** Writes `value` of `type` into the slot whose first cell is `cell` (a multiple of 4). */
export function writeValue(views: CellViews, cell: number, type: ValType, value: Value): void {
  const { i32 } = views;
  switch (type) {
    case T.i32:
      i32[cell] = Number(value) | 0;
      return;
    case T.i64: {
      const v = BigInt.asIntN(64, value as bigint);
      i32[cell] = Number(v & 0xffffffffn) | 0;
      i32[cell + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
      return;
    }
    case T.f32:
      views.f32[cell] = value as number;
      return;
    case T.f64:
      views.f64[cell >> 1] = value as number;
      return;
    case T.v128: {
      const bytes = value as Uint8Array;
      const dv = new DataView(bytes.buffer, bytes.byteOffset, 16);
      for (let i = 0; i < 4; i++) i32[cell + i] = dv.getInt32(i * 4, true);
      return;
    }
    default:
      views.refs[cell >> 2] = value as Reference;
  }
}

export function readValue(views: CellViews, cell: number, type: ValType): Value {
  const { i32 } = views;
  switch (type) {
    case T.i32:
      return i32[cell]!;
    case T.i64:
      return (BigInt(i32[cell + 1]!) << 32n) | BigInt(i32[cell]! >>> 0);
    case T.f32:
      return views.f32[cell]!;
    case T.f64:
      return views.f64[cell >> 1]!;
    case T.v128:
      return new Uint8Array(i32.buffer.slice(cell * 4, cell * 4 + 16));
    default:
      // Not `?? null`: an externref may hold `undefined`, which is not the null reference.
      return views.refs[cell >> 2] as Reference;
  }
}

/** The all-zero value of a type: what locals and new globals start as. */
export function defaultValue(type: ValType): Value {
  switch (type) {
    case T.i32:
    case T.f32:
    case T.f64:
      return 0;
    case T.i64:
      return 0n;
    case T.v128:
      return new Uint8Array(16);
    default:
      return null;
  }
}
