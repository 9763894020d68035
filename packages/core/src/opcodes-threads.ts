import type { Imm } from "./opcodes.js";

/**
 * The 0xFE-prefixed rows of the opcode table: the threads proposal's atomic instructions
 * (feature "threads"). Every memory access is a memarg whose alignment must be exactly the
 * natural one; `sig` uses the table's letters, the address first (an i32 that memory64 turns
 * into an i64, see the validator).
 */
export type AtomicRow = readonly [code: number, name: string, imm: Imm, sig: string, align: number];

/** The seven widths of a read-modify-write op, from `first`: full i32, full i64, then narrow. */
function rmw(first: number, op: string, i32Sig: string, i64Sig: string): AtomicRow[] {
  return [
    [first, `i32.atomic.rmw.${op}`, "memarg", i32Sig, 2],
    [first + 1, `i64.atomic.rmw.${op}`, "memarg", i64Sig, 3],
    [first + 2, `i32.atomic.rmw8.${op}_u`, "memarg", i32Sig, 0],
    [first + 3, `i32.atomic.rmw16.${op}_u`, "memarg", i32Sig, 1],
    [first + 4, `i64.atomic.rmw8.${op}_u`, "memarg", i64Sig, 0],
    [first + 5, `i64.atomic.rmw16.${op}_u`, "memarg", i64Sig, 1],
    [first + 6, `i64.atomic.rmw32.${op}_u`, "memarg", i64Sig, 2],
  ];
}

export const atomicRows: readonly AtomicRow[] = [
  [0x00, "memory.atomic.notify", "memarg", "ii>i", 2],
  [0x01, "memory.atomic.wait32", "memarg", "iiI>i", 2],
  [0x02, "memory.atomic.wait64", "memarg", "iII>i", 3],
  [0x03, "atomic.fence", "zero", ">", -1],
  [0x10, "i32.atomic.load", "memarg", "i>i", 2],
  [0x11, "i64.atomic.load", "memarg", "i>I", 3],
  [0x12, "i32.atomic.load8_u", "memarg", "i>i", 0],
  [0x13, "i32.atomic.load16_u", "memarg", "i>i", 1],
  [0x14, "i64.atomic.load8_u", "memarg", "i>I", 0],
  [0x15, "i64.atomic.load16_u", "memarg", "i>I", 1],
  [0x16, "i64.atomic.load32_u", "memarg", "i>I", 2],
  [0x17, "i32.atomic.store", "memarg", "ii>", 2],
  [0x18, "i64.atomic.store", "memarg", "iI>", 3],
  [0x19, "i32.atomic.store8", "memarg", "ii>", 0],
  [0x1a, "i32.atomic.store16", "memarg", "ii>", 1],
  [0x1b, "i64.atomic.store8", "memarg", "iI>", 0],
  [0x1c, "i64.atomic.store16", "memarg", "iI>", 1],
  [0x1d, "i64.atomic.store32", "memarg", "iI>", 2],
  ...rmw(0x1e, "add", "ii>i", "iI>I"),
  ...rmw(0x25, "sub", "ii>i", "iI>I"),
  ...rmw(0x2c, "and", "ii>i", "iI>I"),
  ...rmw(0x33, "or", "ii>i", "iI>I"),
  ...rmw(0x3a, "xor", "ii>i", "iI>I"),
  ...rmw(0x41, "xchg", "ii>i", "iI>I"),
  ...rmw(0x48, "cmpxchg", "iii>i", "iII>I"),
];
