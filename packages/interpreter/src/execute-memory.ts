import { PAGE_SIZE, PREFIX_FD_BASE, PREFIX_FE_BASE, RuntimeError } from "@microwasm/core";
import { executeAtomic } from "./atomics.js";
import type { ExecStack } from "./exec-stack.js";
import type { InstanceContext } from "./instance-context.js";
import type { MemoryInstance } from "./memory-instance.js";
import { createLaneViews } from "./simd/lane-views.js";
import { load, loadLane, store, storeLane } from "./simd/v128-memory.js";

/**
 * The general path of memory instructions: every access to a memory other than memory 0 or
 * to a 64-bit memory, and every atomic instruction. The hot loop keeps its inline cases for
 * memory 0 with 32-bit addresses (what almost all code does); these take one call.
 *
 * Internal layout (internal-ops.ts, `memory`), 11 words:
 *   [op, wasm opcode id, memory, memory2, offset low, offset high, aux, dst, a, b, c]
 * `memory2` is memory.copy's source, `aux` a lane or memory.init's data segment, `dst` the
 * result's cell and a, b, c the operands' cells in wasm order (unused ones 0).
 *
 * Addresses are numbers: a 64-bit address plus a 64-bit offset is exact below 2^53, and
 * anything above that is far beyond any memory, so the bounds check stays exact.
 */
export const MEMORY_OP_WORDS = 11;

/** Where a SIMD access on this path runs (the SIMD functions read an address cell and a vector). */
const laneScratch = createLaneViews(new ArrayBuffer(64));
const SCRATCH_ADDR = 0;
const SCRATCH_VEC = 4;
const SCRATCH_DST = 8;

/** The address (or size) operand at cell `c`: i64 on a 64-bit memory, else u32. */
export function addressAt(I32: Int32Array, c: number, is64: boolean | undefined): number {
  return is64 ? (I32[c]! >>> 0) + (I32[c + 1]! >>> 0) * 2 ** 32 : I32[c]! >>> 0;
}

/** The effective address of an access of `size` bytes; traps when it does not fit in memory. */
export function effectiveAddress(
  mem: MemoryInstance,
  I32: Int32Array,
  c: number,
  offsetLow: number,
  offsetHigh: number,
  size: number,
): number {
  const ea = addressAt(I32, c, mem.type.is64) + (offsetLow >>> 0) + offsetHigh * 2 ** 32;
  // `pages` re-reads a shared memory's size, which another thread may have grown.
  if (ea + size > mem.byteLength && (mem.shared === null || ea + size > mem.pages * PAGE_SIZE))
    throw new RuntimeError("memoryOutOfBounds");
  return ea;
}

/** Writes a page count or a grow result: i64 on a 64-bit memory, else i32. */
function writeSize(I32: Int32Array, d: number, value: number, is64: boolean | undefined): void {
  if (!is64) {
    I32[d] = value;
    return;
  }
  I32[d] = value | 0;
  I32[d + 1] = value < 0 ? -1 : Math.floor(value / 2 ** 32);
}

/** Runs the memory instruction at `pc`. */
export function executeMemoryOp(
  code: Int32Array,
  pc: number,
  fp: number,
  stack: ExecStack,
  ctx: InstanceContext,
): void {
  const op = code[pc + 1]!;
  const mem = ctx.memories[code[pc + 2]!]!;
  const I32 = stack.i32;
  const offLo = code[pc + 4]!;
  const offHi = code[pc + 5]!;
  const d = fp + code[pc + 7]!;
  const a = fp + code[pc + 8]!;
  const b = fp + code[pc + 9]!;
  const c = fp + code[pc + 10]!;
  if (op >= PREFIX_FE_BASE) {
    executeAtomic(op - PREFIX_FE_BASE, I32, mem, offLo, offHi, d, a, b, c);
    return;
  }
  if (op >= PREFIX_FD_BASE) {
    simdAccess(op - PREFIX_FD_BASE, I32, mem, offLo, offHi, code[pc + 6]!, d, a, b);
    return;
  }
  const M = mem.view;
  switch (op) {
    case 0x28: // i32.load
    case 0x2a: // f32.load
      I32[d] = M.getInt32(effectiveAddress(mem, I32, a, offLo, offHi, 4), true);
      return;
    case 0x29: // i64.load
    case 0x2b: {
      // f64.load
      const ea = effectiveAddress(mem, I32, a, offLo, offHi, 8);
      I32[d] = M.getInt32(ea, true);
      I32[d + 1] = M.getInt32(ea + 4, true);
      return;
    }
    case 0x2c: // i32.load8_s
      I32[d] = M.getInt8(effectiveAddress(mem, I32, a, offLo, offHi, 1));
      return;
    case 0x2d: // i32.load8_u
      I32[d] = M.getUint8(effectiveAddress(mem, I32, a, offLo, offHi, 1));
      return;
    case 0x2e: // i32.load16_s
      I32[d] = M.getInt16(effectiveAddress(mem, I32, a, offLo, offHi, 2), true);
      return;
    case 0x2f: // i32.load16_u
      I32[d] = M.getUint16(effectiveAddress(mem, I32, a, offLo, offHi, 2), true);
      return;
    case 0x30: // i64.load8_s
    case 0x31: // i64.load8_u
    case 0x32: // i64.load16_s
    case 0x33: // i64.load16_u
    case 0x34: // i64.load32_s
    case 0x35: {
      // i64.load32_u
      const size = 1 << ((op - 0x30) >> 1);
      const signed = (op & 1) === 0;
      const ea = effectiveAddress(mem, I32, a, offLo, offHi, size);
      const lo =
        size === 1
          ? signed
            ? M.getInt8(ea)
            : M.getUint8(ea)
          : size === 2
            ? signed
              ? M.getInt16(ea, true)
              : M.getUint16(ea, true)
            : M.getInt32(ea, true);
      I32[d] = lo;
      I32[d + 1] = signed ? lo >> 31 : 0;
      return;
    }
    case 0x36: // i32.store
    case 0x38: // f32.store
    case 0x3e: // i64.store32
      M.setInt32(effectiveAddress(mem, I32, a, offLo, offHi, 4), I32[b]!, true);
      return;
    case 0x37: // i64.store
    case 0x39: {
      // f64.store
      const ea = effectiveAddress(mem, I32, a, offLo, offHi, 8);
      M.setInt32(ea, I32[b]!, true);
      M.setInt32(ea + 4, I32[b + 1]!, true);
      return;
    }
    case 0x3a: // i32.store8
    case 0x3c: // i64.store8
      M.setInt8(effectiveAddress(mem, I32, a, offLo, offHi, 1), I32[b]!);
      return;
    case 0x3b: // i32.store16
    case 0x3d: // i64.store16
      M.setInt16(effectiveAddress(mem, I32, a, offLo, offHi, 2), I32[b]!, true);
      return;
    case 0x3f: // memory.size
      writeSize(I32, d, mem.pages, mem.type.is64);
      return;
    case 0x40: // memory.grow
      writeSize(I32, d, mem.grow(addressAt(I32, a, mem.type.is64)), mem.type.is64);
      return;
    case 0x108: {
      // memory.init: [segment in aux]; dst is an address, source and length are i32
      const data = ctx.datas[code[pc + 6]!]!;
      const dst = addressAt(I32, a, mem.type.is64);
      const src = I32[b]! >>> 0;
      const n = I32[c]! >>> 0;
      if (src + n > data.length || dst + n > mem.byteLength) throw new RuntimeError("memoryOutOfBounds");
      mem.u8.set(data.subarray(src, src + n), dst);
      return;
    }
    case 0x10a: {
      // memory.copy: from memory2 to memory; the length is i64 only when both are 64-bit
      const from = ctx.memories[code[pc + 3]!]!;
      const dst = addressAt(I32, a, mem.type.is64);
      const src = addressAt(I32, b, from.type.is64);
      const n = addressAt(I32, c, mem.type.is64 && from.type.is64);
      if (src + n > from.byteLength || dst + n > mem.byteLength) throw new RuntimeError("memoryOutOfBounds");
      if (from === mem) mem.u8.copyWithin(dst, src, src + n);
      else mem.u8.set(from.u8.subarray(src, src + n), dst);
      return;
    }
    case 0x10b: {
      // memory.fill
      const dst = addressAt(I32, a, mem.type.is64);
      const n = addressAt(I32, c, mem.type.is64);
      if (dst + n > mem.byteLength) throw new RuntimeError("memoryOutOfBounds");
      mem.u8.fill(I32[b]! & 0xff, dst, dst + n);
      return;
    }
    default:
      throw new Error(`interpreter: no memory path for opcode ${op}`);
  }
}

/**
 * A SIMD load or store: the address is resolved here (64-bit, any memory), then the SIMD
 * functions run on scratch cells holding it, with offset 0, and the result is copied back.
 */
function simdAccess(
  sub: number,
  I32: Int32Array,
  mem: MemoryInstance,
  offLo: number,
  offHi: number,
  lane: number,
  d: number,
  a: number,
  b: number,
): void {
  const S = laneScratch.i32;
  const ea = effectiveAddress(mem, I32, a, offLo, offHi, 0);
  // Beyond 4 GiB the SIMD functions' u32 arithmetic cannot address; no memory here is that large.
  if (ea > 0xffffffff) throw new RuntimeError("memoryOutOfBounds");
  S[SCRATCH_ADDR] = ea | 0;
  if (sub >= 0x54 && sub <= 0x5b) {
    for (let k = 0; k < 4; k++) S[SCRATCH_VEC + k] = I32[b + k]!;
    if (sub <= 0x57) {
      loadLane(sub, laneScratch, mem, SCRATCH_DST, SCRATCH_ADDR, SCRATCH_VEC, 0, lane);
      for (let k = 0; k < 4; k++) I32[d + k] = S[SCRATCH_DST + k]!;
    } else {
      storeLane(sub, laneScratch, mem, SCRATCH_ADDR, SCRATCH_VEC, 0, lane);
    }
  } else if (sub === 0x0b) {
    // v128.store
    for (let k = 0; k < 4; k++) S[SCRATCH_VEC + k] = I32[b + k]!;
    store(laneScratch, mem, SCRATCH_ADDR, SCRATCH_VEC, 0);
  } else {
    load(sub, laneScratch, mem, SCRATCH_DST, SCRATCH_ADDR, 0);
    for (let k = 0; k < 4; k++) I32[d + k] = S[SCRATCH_DST + k]!;
  }
}
