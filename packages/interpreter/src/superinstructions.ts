import { Internal } from "./internal-ops.js";
import { Wasm } from "./wasm-ops.js";

/**
 * The compiler's peephole rules for superinstructions (ids and layouts in internal-ops.ts).
 * Profiles of real kernels showed a quarter of all dispatches were `i32.const` / `i64.const`
 * feeding the next instruction, and most loops ending in a compare feeding a branch: these
 * rules fold such pairs into one instruction. Each returns false when no rule applies, and the
 * compiler then emits the two instructions as they are. A rule that applies returns true and
 * leaves its choice in `chosen`.
 */

/**
 * The instruction a rule chose: its internal op and up to two operands (module variables rather
 * than a returned array, so that compiling allocates nothing per instruction).
 */
export const chosen = { op: 0, x: 0, y: 0 };

function chose(op: number, x = 0, y = 0): boolean {
  chosen.op = op;
  chosen.x = x;
  chosen.y = y;
  return true;
}

const I32_MIN = -0x80000000;
const I32_MAX = 0x7fffffff;

/** `x op c` as one instruction (`chosen`: op, immediate), for an i32 binary `op` and constant `c`. */
export function i32ImmediateForm(op: number, c: number): boolean {
  switch (op) {
    case 0x6a: // i32.add
      return chose(Internal.i32AddImm, c);
    case 0x6b: // i32.sub
      return chose(Internal.i32AddImm, -c | 0);
    case 0x6c: // i32.mul
      return chose(Internal.i32MulImm, c);
    case 0x71: // i32.and
      return chose(Internal.i32AndImm, c);
    case 0x72: // i32.or
      return chose(Internal.i32OrImm, c);
    case 0x73: // i32.xor
      return chose(Internal.i32XorImm, c);
    case 0x74: // i32.shl
      return chose(Internal.i32ShlImm, c & 31);
    case 0x75: // i32.shr_s
      return chose(Internal.i32ShrSImm, c & 31);
    case 0x76: // i32.shr_u
      return chose(Internal.i32ShrUImm, c & 31);
    case 0x77: // i32.rotl
      return chose(Internal.i32RotlImm, c & 31);
    case 0x78: // i32.rotr
      return chose(Internal.i32RotlImm, (32 - (c & 31)) & 31);
    case 0x46: // i32.eq
      return chose(Internal.i32EqImm, c);
    case 0x47: // i32.ne
      return chose(Internal.i32NeImm, c);
    case 0x48: // i32.lt_s
      return chose(Internal.i32LtSImm, c);
    case 0x49: // i32.lt_u
      return chose(Internal.i32LtUImm, c);
    case 0x4a: // i32.gt_s
      return chose(Internal.i32GtSImm, c);
    case 0x4b: // i32.gt_u
      return chose(Internal.i32GtUImm, c);
    case 0x4c: // i32.le_s: x <= c is x < c + 1
      return c === I32_MAX ? false : chose(Internal.i32LtSImm, c + 1);
    case 0x4d: // i32.le_u
      return c === -1 ? false : chose(Internal.i32LtUImm, (c + 1) | 0);
    case 0x4e: // i32.ge_s: x >= c is x > c - 1
      return c === I32_MIN ? false : chose(Internal.i32GtSImm, c - 1);
    case 0x4f: // i32.ge_u
      return c === 0 ? false : chose(Internal.i32GtUImm, (c - 1) | 0);
    default:
      return false;
  }
}

/**
 * Whether the immediate form `op` with constant `c` returns its operand unchanged (`x + 0`,
 * `x | 0`, `x ^ 0`, `x & -1`, `x * 1`, shifts and rotations by 0): compiled as a copy, or as
 * nothing when the result goes where the operand is (clang emits `local.get; i32.const 0;
 * i32.add` for some returns).
 */
export function isI32Identity(op: number, c: number): boolean {
  switch (op) {
    case Internal.i32AddImm:
    case Internal.i32OrImm:
    case Internal.i32XorImm:
    case Internal.i32ShlImm:
    case Internal.i32ShrSImm:
    case Internal.i32ShrUImm:
    case Internal.i32RotlImm:
      return c === 0;
    case Internal.i32AndImm:
      return c === -1;
    case Internal.i32MulImm:
      return c === 1;
    default:
      return false;
  }
}

/** For a constant on the left: the op `op'` with `c op x` = `x op' c`, or null. */
export function i32Swapped(op: number): number | null {
  switch (op) {
    // these commute
    case 0x6a: // i32.add
    case 0x6c: // i32.mul
    case 0x71: // i32.and
    case 0x72: // i32.or
    case 0x73: // i32.xor
    case 0x46: // i32.eq
    case 0x47: // i32.ne
      return op;
    // lt ↔ gt, le ↔ ge
    case 0x48: // i32.lt_s
      return Wasm.i32GtS;
    case 0x4a: // i32.gt_s
      return Wasm.i32LtS;
    case 0x49: // i32.lt_u
      return Wasm.i32GtU;
    case 0x4b: // i32.gt_u
      return Wasm.i32LtU;
    case 0x4c: // i32.le_s
      return Wasm.i32GeS;
    case 0x4e: // i32.ge_s
      return Wasm.i32LeS;
    case 0x4d: // i32.le_u
      return Wasm.i32GeU;
    case 0x4f: // i32.ge_u
      return Wasm.i32LeU;
    default:
      return null;
  }
}

/** `x op c` as one instruction (`chosen`: op, immLo, immHi), for an i64 binary `op` and constant `c`. */
export function i64ImmediateForm(op: number, lo: number, hi: number): boolean {
  switch (op) {
    case 0x7c: // i64.add
      return chose(Internal.i64AddImm, lo, hi);
    case 0x7d: // i64.sub: add the two's complement negation
      return chose(Internal.i64AddImm, -lo | 0, (~hi + (lo === 0 ? 1 : 0)) | 0);
    case 0x83: // i64.and
      return chose(Internal.i64AndImm, lo, hi);
    case 0x84: // i64.or
      return chose(Internal.i64OrImm, lo, hi);
    case 0x85: // i64.xor
      return chose(Internal.i64XorImm, lo, hi);
    case 0x86: // i64.shl
      return chose(Internal.i64ShlImm, lo & 63, 0);
    case 0x87: // i64.shr_s
      return chose(Internal.i64ShrSImm, lo & 63, 0);
    case 0x88: // i64.shr_u
      return chose(Internal.i64ShrUImm, lo & 63, 0);
    case 0x89: // i64.rotl
      return chose(Internal.i64RotlImm, lo & 63, 0);
    case 0x8a: // i64.rotr
      return chose(Internal.i64RotlImm, (64 - (lo & 63)) & 63, 0);
    default:
      return false;
  }
}

/**
 * The compare-and-branch that jumps when the compare `op` (a wasm i32 compare on registers
 * `a`, `b`, or an internal `…Imm` compare with `b` the constant) holds, or when it fails if
 * `negate` (`chosen`: op, first operand, second operand).
 */
export function fusedBranch(op: number, a: number, b: number, negate: boolean): boolean {
  switch (op) {
    case 0x46: // i32.eq
      return chose(negate ? Internal.brIfNe : Internal.brIfEq, a, b);
    case 0x47: // i32.ne
      return chose(negate ? Internal.brIfEq : Internal.brIfNe, a, b);
    case 0x48: // i32.lt_s; not (a < b) is b <= a
      return negate ? chose(Internal.brIfLeS, b, a) : chose(Internal.brIfLtS, a, b);
    case 0x49: // i32.lt_u
      return negate ? chose(Internal.brIfLeU, b, a) : chose(Internal.brIfLtU, a, b);
    case 0x4a: // i32.gt_s: a > b is b < a
      return negate ? chose(Internal.brIfLeS, a, b) : chose(Internal.brIfLtS, b, a);
    case 0x4b: // i32.gt_u
      return negate ? chose(Internal.brIfLeU, a, b) : chose(Internal.brIfLtU, b, a);
    case 0x4c: // i32.le_s
      return negate ? chose(Internal.brIfLtS, b, a) : chose(Internal.brIfLeS, a, b);
    case 0x4d: // i32.le_u
      return negate ? chose(Internal.brIfLtU, b, a) : chose(Internal.brIfLeU, a, b);
    case 0x4e: // i32.ge_s: a >= b is b <= a
      return negate ? chose(Internal.brIfLtS, a, b) : chose(Internal.brIfLeS, b, a);
    case 0x4f: // i32.ge_u
      return negate ? chose(Internal.brIfLtU, a, b) : chose(Internal.brIfLeU, b, a);
    case Internal.i32EqImm:
      return chose(negate ? Internal.brIfNeImm : Internal.brIfEqImm, a, b);
    case Internal.i32NeImm:
      return chose(negate ? Internal.brIfEqImm : Internal.brIfNeImm, a, b);
    case Internal.i32LtSImm: // not (a < c) is a > c - 1
      if (!negate) return chose(Internal.brIfLtSImm, a, b);
      return b === I32_MIN ? false : chose(Internal.brIfGtSImm, a, b - 1);
    case Internal.i32LtUImm:
      if (!negate) return chose(Internal.brIfLtUImm, a, b);
      return b === 0 ? false : chose(Internal.brIfGtUImm, a, (b - 1) | 0);
    case Internal.i32GtSImm: // not (a > c) is a < c + 1
      if (!negate) return chose(Internal.brIfGtSImm, a, b);
      return b === I32_MAX ? false : chose(Internal.brIfLtSImm, a, b + 1);
    case Internal.i32GtUImm:
      if (!negate) return chose(Internal.brIfGtUImm, a, b);
      return b === -1 ? false : chose(Internal.brIfLtUImm, a, (b + 1) | 0);
    default:
      return false;
  }
}

/** The load that adds a constant to its address register itself, for a wasm load `op`, or 0. */
export function loadAtOf(op: number): number {
  switch (op) {
    case 0x28: // i32.load
      return Internal.i32LoadAt;
    case 0x29: // i64.load
      return Internal.i64LoadAt;
    case 0x2b: // f64.load
      return Internal.f64LoadAt;
    case 0x2d: // i32.load8_u
      return Internal.i32Load8UAt;
    default:
      return 0;
  }
}

/** The store that adds a constant to its address register itself, for a wasm store `op`, or 0. */
export function storeAtOf(op: number): number {
  switch (op) {
    case 0x36: // i32.store
      return Internal.i32StoreAt;
    case 0x37: // i64.store
      return Internal.i64StoreAt;
    case 0x39: // f64.store
      return Internal.f64StoreAt;
    case 0x3a: // i32.store8
      return Internal.i32Store8At;
    default:
      return 0;
  }
}

/**
 * `a op (x op2 y)` as one instruction [op', dst, a, x, y], for a binary `op` whose operand the
 * previous instruction `op2` just computed, or -1. The pairs that chain in arithmetic code:
 * f64 `acc + x * y` (still two roundings, not a fused multiply-add) and `a + (x + y)` (the same
 * association); i32 `a + (x + y)`; and `a & (x ^ y)`, `a & (x ^ c)` (with c = -1: and-not).
 */
export function chainedForm(op: number, op2: number): number {
  switch (op) {
    case 0xa0: // f64.add
      return op2 === Wasm.f64Mul ? Internal.f64MulAdd : op2 === Wasm.f64Add ? Internal.f64Add3 : -1;
    case 0x6a: // i32.add
      return op2 === Wasm.i32Add ? Internal.i32Add3 : -1;
    case 0x71: // i32.and
      return op2 === Wasm.i32Xor
        ? Internal.i32AndXor
        : op2 === Internal.i32XorImm
          ? Internal.i32AndXorImm
          : -1;
    default:
      return -1;
  }
}

/**
 * A loop counter's step and exit test as one instruction, for an `add` (`i32.add_imm` or
 * `i32.add`) into x followed by the compare-and-branch `branch` on x: the fused op, or -1.
 * (`for (i = ...; i != n; i += c)`, `for (j = ...; j <= n; j += step)`.)
 */
export function countedForm(add: number, branch: number): number {
  if (add === Internal.i32AddImm) {
    if (branch === Internal.brIfNe) return Internal.i32AddImmBrIfNe;
    if (branch === Internal.brIfNeImm) return Internal.i32AddImmBrIfNeImm;
    return -1;
  }
  switch (branch) {
    case Internal.brIfNe:
      return Internal.i32AddBrIfNe;
    case Internal.brIfLtS:
      return Internal.i32AddBrIfLtS;
    case Internal.brIfLtU:
      return Internal.i32AddBrIfLtU;
    case Internal.brIfLeS:
      return Internal.i32AddBrIfLeS;
    case Internal.brIfLeU:
      return Internal.i32AddBrIfLeU;
    default:
      return -1;
  }
}
