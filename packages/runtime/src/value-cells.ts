import { ValType } from "@microwasm/core";
import type { Value } from "@microwasm/interpreter";

/**
 * WAMR's argv cells: every value is 32-bit cells, i32/f32 one, i64/f64 two (low word first),
 * v128 four. References have no cell form here.
 */
export function cellsOf(type: ValType): number {
  switch (type) {
    case ValType.i32:
    case ValType.f32:
      return 1;
    case ValType.i64:
    case ValType.f64:
      return 2;
    case ValType.v128:
      return 4;
    default:
      return 0;
  }
}

export function cellCount(types: readonly ValType[]): number {
  return types.reduce((n, t) => n + cellsOf(t), 0);
}

export function hasReference(types: readonly ValType[]): boolean {
  return types.some((t) => t === ValType.funcref || t === ValType.externref);
}

const scratch = new DataView(new ArrayBuffer(16));

/** Reads values of `types` from `argv`. */
export function readCells(argv: Uint32Array, types: readonly ValType[]): Value[] {
  const values: Value[] = new Array(types.length);
  let at = 0;
  for (let i = 0; i < types.length; i++) {
    switch (types[i]) {
      case ValType.i32:
        values[i] = argv[at++]! | 0;
        break;
      case ValType.f32:
        scratch.setUint32(0, argv[at++]!, true);
        values[i] = scratch.getFloat32(0, true);
        break;
      case ValType.i64:
        scratch.setUint32(0, argv[at++]!, true);
        scratch.setUint32(4, argv[at++]!, true);
        values[i] = scratch.getBigInt64(0, true);
        break;
      case ValType.f64:
        scratch.setUint32(0, argv[at++]!, true);
        scratch.setUint32(4, argv[at++]!, true);
        values[i] = scratch.getFloat64(0, true);
        break;
      default: {
        const bytes = new Uint8Array(16);
        const view = new DataView(bytes.buffer);
        for (let k = 0; k < 4; k++) view.setUint32(k * 4, argv[at++]!, true);
        values[i] = bytes;
      }
    }
  }
  return values;
}

/** Writes `values` of `types` to `argv` from cell 0. */
export function writeCells(argv: Uint32Array, types: readonly ValType[], values: readonly Value[]): void {
  let at = 0;
  types.forEach((type, i) => {
    const value = values[i]!;
    switch (type) {
      case ValType.i32:
        argv[at++] = (value as number) >>> 0;
        return;
      case ValType.f32:
        scratch.setFloat32(0, value as number, true);
        argv[at++] = scratch.getUint32(0, true);
        return;
      case ValType.i64:
        scratch.setBigInt64(0, value as bigint, true);
        argv[at++] = scratch.getUint32(0, true);
        argv[at++] = scratch.getUint32(4, true);
        return;
      case ValType.f64:
        scratch.setFloat64(0, value as number, true);
        argv[at++] = scratch.getUint32(0, true);
        argv[at++] = scratch.getUint32(4, true);
        return;
      default: {
        const view = new DataView((value as Uint8Array).buffer, (value as Uint8Array).byteOffset, 16);
        for (let k = 0; k < 4; k++) argv[at++] = view.getUint32(k * 4, true);
      }
    }
  });
}
