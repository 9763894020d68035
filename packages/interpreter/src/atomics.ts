import { RuntimeError } from "@microwasm/core";
import { effectiveAddress } from "./execute-memory.js";
import type { MemoryInstance } from "./memory-instance.js";

/**
 * The atomic instructions (threads), on the general memory path (execute-memory.ts, whose
 * layout they share). Every access goes through JavaScript's `Atomics` on views of the
 * memory's buffer, so on a shared memory (a `SharedArrayBuffer`) they are atomic across
 * agents (worker threads) and sequentially consistent, as the proposal requires; on an
 * unshared memory they are plain accesses. `wait` blocks the agent with `Atomics.wait`.
 *
 * Sub-opcodes (0xFE n): 0x00 notify, 0x01 wait32, 0x02 wait64, 0x03 fence, 0x10-0x16 loads,
 * 0x17-0x1d stores, then seven widths of each read-modify-write from 0x1e in steps of 7: add,
 * sub, and, or, xor, xchg, cmpxchg. The widths: i32, i64, i32 8-bit, i32 16-bit, i64 8-bit,
 * i64 16-bit, i64 32-bit (narrow results are zero-extended).
 */

interface AtomicViews {
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly i32: Int32Array;
  readonly u32: Uint32Array;
  readonly i64: BigInt64Array;
}

/** Views per buffer; a shared memory's buffer never changes, an unshared one's on every grow. */
const viewsByBuffer = new WeakMap<ArrayBufferLike, AtomicViews>();

function viewsOf(mem: MemoryInstance): AtomicViews {
  const buffer = mem.shared ?? mem.currentBuffer;
  let views = viewsByBuffer.get(buffer);
  if (views === undefined) {
    views = {
      u8: new Uint8Array(buffer),
      u16: new Uint16Array(buffer),
      i32: new Int32Array(buffer),
      u32: new Uint32Array(buffer),
      i64: new BigInt64Array(buffer),
    };
    viewsByBuffer.set(buffer, views);
  }
  return views;
}

/** Width in bytes of the access of each width index (see above). */
const widthBytes = [4, 8, 1, 2, 1, 2, 4];

/** Bytes accessed by load and store sub-opcodes 0x10-0x1d, in the order of their rows. */
const loadStoreBytes = [4, 8, 1, 2, 1, 2, 4];

const RMW_FIRST = 0x1e;

function cellsToBigInt(I32: Int32Array, c: number): bigint {
  return (BigInt(I32[c + 1]!) << 32n) | BigInt(I32[c]! >>> 0);
}

function writeBigInt(I32: Int32Array, d: number, value: bigint): void {
  I32[d] = Number(BigInt.asIntN(32, value));
  I32[d + 1] = Number(BigInt.asIntN(32, value >> 32n));
}

/** The address of an atomic access: in bounds ("out of bounds memory access") and aligned ("unaligned atomic"). */
function atomicAddress(
  mem: MemoryInstance,
  I32: Int32Array,
  c: number,
  offLo: number,
  offHi: number,
  size: number,
): number {
  const ea = effectiveAddress(mem, I32, c, offLo, offHi, size);
  if (ea % size !== 0) throw new RuntimeError("unalignedAtomic");
  return ea;
}

/** Applies read-modify-write `kind` (0 add .. 5 xchg) on a view with number elements. */
function rmwNumber(
  view: Uint8Array | Uint16Array | Int32Array | Uint32Array,
  index: number,
  kind: number,
  value: number,
): number {
  switch (kind) {
    case 0:
      return Atomics.add(view, index, value);
    case 1:
      return Atomics.sub(view, index, value);
    case 2:
      return Atomics.and(view, index, value);
    case 3:
      return Atomics.or(view, index, value);
    case 4:
      return Atomics.xor(view, index, value);
    default:
      return Atomics.exchange(view, index, value);
  }
}

function rmwBigInt(view: BigInt64Array, index: number, kind: number, value: bigint): bigint {
  switch (kind) {
    case 0:
      return Atomics.add(view, index, value);
    case 1:
      return Atomics.sub(view, index, value);
    case 2:
      return Atomics.and(view, index, value);
    case 3:
      return Atomics.or(view, index, value);
    case 4:
      return Atomics.xor(view, index, value);
    default:
      return Atomics.exchange(view, index, value);
  }
}

/** The number view for a narrow or 32-bit access. */
function numberView(views: AtomicViews, size: number): Uint8Array | Uint16Array | Uint32Array {
  return size === 1 ? views.u8 : size === 2 ? views.u16 : views.u32;
}

/**
 * Runs atomic instruction `sub` (the 0xfe prefix's opcode) with the operands `executeMemoryOp`
 * decoded: the offset's words, and the cells of the result and of up to three operands.
 */
export function executeAtomic(
  sub: number,
  I32: Int32Array,
  mem: MemoryInstance,
  offLo: number,
  offHi: number,
  d: number,
  a: number,
  b: number,
  c: number,
): void {
  if (sub === 0x03) return; // atomic.fence: every access here is already sequentially consistent
  if (sub <= 0x02) {
    waitOrNotify(sub, I32, mem, offLo, offHi, d, a, b, c);
    return;
  }
  if (sub < 0x17) {
    // loads
    const row = sub - 0x10;
    const size = loadStoreBytes[row]!;
    const ea = atomicAddress(mem, I32, a, offLo, offHi, size);
    const views = viewsOf(mem);
    if (size === 8) {
      writeBigInt(I32, d, Atomics.load(views.i64, ea >> 3));
      return;
    }
    const value = Atomics.load(numberView(views, size), ea / size);
    I32[d] = value | 0;
    if (row !== 0 && row !== 2 && row !== 3) I32[d + 1] = 0; // an i64 result, zero-extended
    return;
  }
  if (sub < RMW_FIRST) {
    // stores
    const size = loadStoreBytes[sub - 0x17]!;
    const ea = atomicAddress(mem, I32, a, offLo, offHi, size);
    const views = viewsOf(mem);
    if (size === 8) Atomics.store(views.i64, ea >> 3, cellsToBigInt(I32, b));
    else Atomics.store(numberView(views, size), ea / size, I32[b]! >>> 0);
    return;
  }
  const kind = Math.floor((sub - RMW_FIRST) / 7); // 0 add .. 5 xchg, 6 cmpxchg
  const width = (sub - RMW_FIRST) % 7;
  const size = widthBytes[width]!;
  const result64 = width === 1 || width >= 4;
  const ea = atomicAddress(mem, I32, a, offLo, offHi, size);
  const views = viewsOf(mem);
  if (size === 8) {
    const old =
      kind === 6
        ? Atomics.compareExchange(views.i64, ea >> 3, cellsToBigInt(I32, b), cellsToBigInt(I32, c))
        : rmwBigInt(views.i64, ea >> 3, kind, cellsToBigInt(I32, b));
    writeBigInt(I32, d, old);
    return;
  }
  const view = numberView(views, size);
  const mask = size === 4 ? 0xffffffff : (1 << (size * 8)) - 1;
  // Narrow operands are the low bits of the i32/i64 operand (the low cell).
  const operand = (I32[b]! & mask) >>> 0;
  let old: number;
  if (kind === 6) {
    // cmpxchg: the expected value is wrapped to the access's width, as native engines compare it
    const replacement = (I32[c]! & mask) >>> 0;
    old = Atomics.compareExchange(view, ea / size, operand, replacement);
  } else {
    old = rmwNumber(view, ea / size, kind, operand);
  }
  I32[d] = old | 0;
  if (result64) I32[d + 1] = 0;
}

/** memory.atomic.notify (0), wait32 (1), wait64 (2). */
function waitOrNotify(
  sub: number,
  I32: Int32Array,
  mem: MemoryInstance,
  offLo: number,
  offHi: number,
  d: number,
  a: number,
  b: number,
  c: number,
): void {
  const size = sub === 2 ? 8 : 4;
  const ea = atomicAddress(mem, I32, a, offLo, offHi, size);
  if (sub === 0) {
    // An unshared memory has no waiters.
    const count = I32[b]! >>> 0;
    I32[d] = mem.shared === null ? 0 : Atomics.notify(viewsOf(mem).i32, ea >> 2, count);
    return;
  }
  if (mem.shared === null) throw new RuntimeError("expectedSharedMemory");
  // Timeout in nanoseconds, an i64; negative waits forever.
  const timeoutNs = cellsToBigInt(I32, c);
  const timeoutMs = timeoutNs < 0n ? Number.POSITIVE_INFINITY : Number(timeoutNs) / 1e6;
  const views = viewsOf(mem);
  const outcome =
    sub === 1
      ? Atomics.wait(views.i32, ea >> 2, I32[b]!, timeoutMs)
      : Atomics.wait(views.i64, ea >> 3, cellsToBigInt(I32, b), timeoutMs);
  I32[d] = outcome === "ok" ? 0 : outcome === "not-equal" ? 1 : 2;
}
