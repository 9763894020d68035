import { RuntimeError } from "@microwasm/core";
import type { MemoryInstance } from "../memory-instance.js";
import type { LaneViews } from "./lane-views.js";

/**
 * SIMD loads and stores. `addr` is the cell holding the i32 address and `offset` the memarg
 * offset (u32 as int32 bits); an access that does not fit in memory traps before anything is
 * written. Memory is little-endian, as are the lanes in the value stack (see lane-views.ts).
 */

/** Bytes each load reads, by sub-opcode (v128.load .. v128.load64_splat, load32/64_zero). */
function loadSize(op: number): number {
  if (op === 0x00) return 16;
  if (op <= 0x06) return 8;
  if (op <= 0x0a) return 1 << (op - 0x07);
  return op === 0x5c ? 4 : 8;
}

function effectiveAddress(
  v: LaneViews,
  mem: MemoryInstance,
  addr: number,
  offset: number,
  size: number,
): number {
  const ea = (v.i32[addr]! >>> 0) + (offset >>> 0);
  if (ea + size > mem.byteLength) throw new RuntimeError("memoryOutOfBounds");
  return ea;
}

/** v128.load, the extending loads, the splat loads and the zero-filling loads. */
export function load(
  op: number,
  v: LaneViews,
  mem: MemoryInstance,
  d: number,
  addr: number,
  offset: number,
): void {
  const ea = effectiveAddress(v, mem, addr, offset, loadSize(op));
  const I = v.i32;
  const M = mem.view;
  switch (op) {
    case 0x00: // v128.load
      I[d] = M.getInt32(ea, true);
      I[d + 1] = M.getInt32(ea + 4, true);
      I[d + 2] = M.getInt32(ea + 8, true);
      I[d + 3] = M.getInt32(ea + 12, true);
      return;
    case 0x01: // v128.load8x8_s
      for (let k = 0; k < 8; k++) v.i16[(d << 1) + k] = M.getInt8(ea + k);
      return;
    case 0x02: // v128.load8x8_u
      for (let k = 0; k < 8; k++) v.u16[(d << 1) + k] = M.getUint8(ea + k);
      return;
    case 0x03: // v128.load16x4_s
      for (let k = 0; k < 4; k++) I[d + k] = M.getInt16(ea + 2 * k, true);
      return;
    case 0x04: // v128.load16x4_u
      for (let k = 0; k < 4; k++) I[d + k] = M.getUint16(ea + 2 * k, true);
      return;
    case 0x05: // v128.load32x2_s
    case 0x06: {
      // v128.load32x2_u
      const x = M.getInt32(ea, true);
      const y = M.getInt32(ea + 4, true);
      I[d] = x;
      I[d + 1] = op === 0x05 ? x >> 31 : 0;
      I[d + 2] = y;
      I[d + 3] = op === 0x05 ? y >> 31 : 0;
      return;
    }
    case 0x07: // v128.load8_splat
    case 0x08: // v128.load16_splat
    case 0x09: {
      // v128.load32_splat
      const word =
        op === 0x07
          ? Math.imul(M.getUint8(ea), 0x01010101)
          : op === 0x08
            ? Math.imul(M.getUint16(ea, true), 0x00010001)
            : M.getInt32(ea, true);
      I[d] = word;
      I[d + 1] = word;
      I[d + 2] = word;
      I[d + 3] = word;
      return;
    }
    case 0x0a: {
      // v128.load64_splat
      const lo = M.getInt32(ea, true);
      const hi = M.getInt32(ea + 4, true);
      I[d] = lo;
      I[d + 1] = hi;
      I[d + 2] = lo;
      I[d + 3] = hi;
      return;
    }
    case 0x5c: // v128.load32_zero
      I[d] = M.getInt32(ea, true);
      I[d + 1] = 0;
      I[d + 2] = 0;
      I[d + 3] = 0;
      return;
    default: {
      // 0x5d v128.load64_zero
      const lo = M.getInt32(ea, true);
      const hi = M.getInt32(ea + 4, true);
      I[d] = lo;
      I[d + 1] = hi;
      I[d + 2] = 0;
      I[d + 3] = 0;
    }
  }
}

/** v128.store of the vector at cell `value`. */
export function store(v: LaneViews, mem: MemoryInstance, addr: number, value: number, offset: number): void {
  const ea = effectiveAddress(v, mem, addr, offset, 16);
  const I = v.i32;
  const M = mem.view;
  M.setInt32(ea, I[value]!, true);
  M.setInt32(ea + 4, I[value + 1]!, true);
  M.setInt32(ea + 8, I[value + 2]!, true);
  M.setInt32(ea + 12, I[value + 3]!, true);
}

/** v128.load8/16/32/64_lane: the vector at cell `vec` with one lane read from memory. */
export function loadLane(
  op: number,
  v: LaneViews,
  mem: MemoryInstance,
  d: number,
  addr: number,
  vec: number,
  offset: number,
  lane: number,
): void {
  const size = 1 << (op - 0x54);
  const ea = effectiveAddress(v, mem, addr, offset, size);
  const I = v.i32;
  if (d !== vec) {
    I[d] = I[vec]!;
    I[d + 1] = I[vec + 1]!;
    I[d + 2] = I[vec + 2]!;
    I[d + 3] = I[vec + 3]!;
  }
  const U = v.u8;
  const M = mem.u8;
  const at = (d << 2) + lane * size;
  for (let k = 0; k < size; k++) U[at + k] = M[ea + k]!;
}

/** v128.store8/16/32/64_lane: writes one lane of the vector at cell `vec` to memory. */
export function storeLane(
  op: number,
  v: LaneViews,
  mem: MemoryInstance,
  addr: number,
  vec: number,
  offset: number,
  lane: number,
): void {
  const size = 1 << (op - 0x58);
  const ea = effectiveAddress(v, mem, addr, offset, size);
  const U = v.u8;
  const M = mem.u8;
  const at = (vec << 2) + lane * size;
  for (let k = 0; k < size; k++) M[ea + k] = U[at + k]!;
}
