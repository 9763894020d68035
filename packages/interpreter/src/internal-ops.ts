/**
 * The interpreter's internal instruction set.
 *
 * Code is an Int32Array. Operands are frame-relative cell offsets (slot * 4): every value
 * occupies one 16-byte slot, locals first, then the operand stack, so an instruction names
 * where its inputs are and where its result goes and no stack pointer moves at run time.
 *
 * Pure wasm operators keep their opcode id (see core's table) as internal opcode:
 *   unary / conversion: [op, dst, a]            binary / compare: [op, dst, a, b]
 *   load:  [op, dst, addr, offset]             store: [op, addr, value, offset]
 *   i32.const / f32.const: [op, dst, bits]     i64.const / f64.const: [op, dst, lo, hi]
 *   global.get: [op, dst, global]  global.set: [op, global, src]     (numeric globals)
 *   memory.size: [op, dst]   memory.grow: [op, dst, delta]
 *   ref.null: [op, dst]  ref.is_null: [op, dst, a]  ref.func: [op, dst, funcIndex]
 *   table.get: [op, dst, table, index]   table.set: [op, table, index, value]
 *   table.size: [op, dst, table]   table.grow: [op, dst, table, init, delta]
 *   table.fill: [op, table, index, value, count]
 *   memory.init: [op, segment, dst, src, len]  data.drop: [op, segment]
 *   memory.copy: [op, dst, src, len]           memory.fill: [op, dst, value, len]
 *   table.init: [op, segment, table, dst, src, len]   elem.drop: [op, segment]
 *   table.copy: [op, dstTable, srcTable, dst, src, len]
 *   unreachable: [op]
 * The ids below fill gaps of the wasm opcode space, so the dispatch `switch` stays dense.
 */
export const Internal = {
  /** [op, dst, src]: copies a numeric value (two cells: enough for i32, i64, f32, f64). */
  copy: 0x06,
  /** [op, dst, src]: copies a v128 (four cells). */
  copyV128: 0x07,
  /** [op, dst, src]: copies a reference. */
  copyRef: 0x08,
  /** [op, target] */
  br: 0x09,
  /** [op, cond, target]: jumps when the i32 at cond is non-zero. */
  brIf: 0x0a,
  /** [op, cond, target]: jumps when the i32 at cond is zero. */
  brUnless: 0x12,
  /** [op, index, n, target_0 .. target_{n-1}]: the last target is the default. */
  brTable: 0x13,
  /** [op]: results are already in the frame's first slots. */
  return: 0x14,
  /** [op, funcIndex, argBase]: the callee's frame starts at argBase (its arguments). */
  call: 0x15,
  /** [op, typeIndex, table, index, argBase] */
  callIndirect: 0x16,
  /** [op, dst, a, b, cond] for numeric, v128 and reference operands. */
  select: 0x17,
  selectV128: 0x18,
  selectRef: 0x19,
  /** Globals of type v128 and reference: [op, dst, global] / [op, global, src]. */
  globalGetV128: 0x1d,
  globalGetRef: 0x1e,
  globalSetV128: 0x1f,
  globalSetRef: 0x27,
  /** [op, target, weight]: a branch back to a loop head; spends `weight` fuel (see ExecStack). */
  brLoop: 0xc5,
  /** [op, cond, target, weight]: `brLoop` taken when the i32 at cond is non-zero. */
  brIfLoop: 0xc6,
  /**
   * [op, sub-opcode, dst?, operands..., immediates...]: every SIMD instruction (layout in
   * simd/simd-code.ts), run by `executeSimd` outside the main loop.
   */
  simd: 0xea,
  /** [op, cond, target, weight]: `brLoop` taken when the i32 at cond is zero. */
  brUnlessLoop: 0xf7,

  // Superinstructions: pairs of instructions the compiler fuses into one (the rules are in
  // superinstructions.ts and compile-function.ts). Each computes exactly what the pair did.

  /** i32 binary ops with a constant right operand: [op, dst, a, imm]. */
  i32AddImm: 0xd3,
  i32MulImm: 0xd4,
  i32AndImm: 0xd5,
  i32OrImm: 0xd6,
  i32XorImm: 0xd7,
  i32ShlImm: 0xd8,
  i32ShrSImm: 0xd9,
  i32ShrUImm: 0xda,
  i32RotlImm: 0xdb,
  i32EqImm: 0xdc,
  i32NeImm: 0xdd,
  i32LtSImm: 0xde,
  i32LtUImm: 0xdf,
  i32GtSImm: 0xe0,
  i32GtUImm: 0xe1,
  /** i64 binary ops with a constant right operand: [op, dst, a, immLo, immHi] (shifts: the count in immLo). */
  i64AddImm: 0xe2,
  i64AndImm: 0xe3,
  i64OrImm: 0xe4,
  i64XorImm: 0xe5,
  i64ShlImm: 0xe6,
  i64ShrSImm: 0xe7,
  i64ShrUImm: 0xe8,
  i64RotlImm: 0xe9,
  /** [op, dst, a, tmp, immLo, immHi]: i64 `a * imm`, the constant written to the free slot `tmp` first. */
  i64MulImm: 0x1b,
  /**
   * Compare-and-branch on i32 operands: [op, a, b, target, weight] jumps to target when the
   * compare holds, spending `weight` fuel (0 for forward jumps, the loop's size on back-edges).
   */
  brIfEq: 0xeb,
  brIfNe: 0xec,
  brIfLtS: 0xed,
  brIfLtU: 0xee,
  brIfLeS: 0xef,
  brIfLeU: 0xf0,
  /** The same against a constant: [op, a, imm, target, weight]. */
  brIfEqImm: 0xf1,
  brIfNeImm: 0xf2,
  brIfLtSImm: 0xf3,
  brIfLtUImm: 0xf4,
  brIfGtSImm: 0xf5,
  brIfGtUImm: 0xf6,
  /**
   * A loop counter's step and exit test: [op, x, a, c, other, target, weight] sets x = a + c,
   * then jumps when x differs from the i32 at `other` (the `_imm` form: from the constant `other`).
   */
  i32AddImmBrIfNe: 0xcf,
  i32AddImmBrIfNeImm: 0xff,
  /** The same with a register step: [op, x, a, b, other, target, weight] sets x = a + b, then compares x with `other`. */
  i32AddBrIfNe: 0x0e,
  i32AddBrIfLtS: 0x0f,
  i32AddBrIfLtU: 0x10,
  i32AddBrIfLeS: 0x11,
  i32AddBrIfLeU: 0x1a,
  /** [op, n, dst_1, src_1, .. dst_n, src_n]: n numeric copies, in that order. */
  copyN: 0xf8,
  /** i32.store / i32.store8 of a constant: [op, addr, imm, offset]. */
  i32StoreImm: 0xfa,
  i32Store8Imm: 0xfb,
  /**
   * Loads and stores whose address is `base + c` (an `i32.add` of a constant just before):
   * load [op, dst, base, offset, c], store [op, base, value, offset, c]; the effective address
   * is ((base + c) mod 2^32) + offset, exactly as the two instructions compute it.
   */
  i32LoadAt: 0xc7,
  i64LoadAt: 0xc8,
  f64LoadAt: 0xc9,
  i32Load8UAt: 0xca,
  i32StoreAt: 0xcb,
  i64StoreAt: 0xcc,
  f64StoreAt: 0xcd,
  i32Store8At: 0xce,
  /** i32.store / i32.store8 of a constant at `base + c`: [op, base, imm, offset, c]. */
  i32StoreImmAt: 0x04,
  i32Store8ImmAt: 0x05,
  /** [op, dst, a, x, y]: i32 `a + (x + y)`. */
  i32Add3: 0xfc,
  /** [op, dst, a, x, y]: i32 `a & (x ^ y)`. */
  i32AndXor: 0x0c,
  /** [op, dst, a, x, c]: i32 `a & (x ^ c)` (c = -1: a & ~x). */
  i32AndXorImm: 0x0d,
  /** [op, dst, acc, x, y]: f64 `acc + x * y`, rounded after the multiply and after the add. */
  f64MulAdd: 0xf9,
  /** [op, dst, a, x, y]: f64 `a + (x + y)`, rounded after each add. */
  f64Add3: 0xfe,
  /** [op, dst, a, base, offset, c]: f64 `a * load(base + c, offset)` (traps as the load would). */
  f64MulLoadAt: 0x02,
} as const;

/** Cells per slot. */
export const SLOT = 4;
