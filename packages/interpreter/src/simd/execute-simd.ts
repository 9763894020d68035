import type { MemoryInstance } from "../memory-instance.js";
import { f32x4Binary, f32x4Unary } from "./f32x4.js";
import { f64x2Binary, f64x2Unary } from "./f64x2.js";
import { i8x16Binary, i8x16Shift, i8x16Test, i8x16Unary } from "./i8x16.js";
import { i16x8Binary, i16x8Shift, i16x8Test, i16x8Unary } from "./i16x8.js";
import { i32x4Binary, i32x4Shift, i32x4Test, i32x4Unary } from "./i32x4.js";
import { i64x2Binary, i64x2Shift, i64x2Test, i64x2Unary } from "./i64x2.js";
import { extractLane, replaceLane, shuffle, splat, v128Const } from "./lane-access.js";
import type { LaneViews } from "./lane-views.js";
import { executeRelaxed } from "./relaxed.js";
import { simdFamily } from "./simd-code.js";
import { v128AnyTrue, v128Binary, v128Bitselect, v128Not } from "./v128-bitwise.js";
import { load, loadLane, store, storeLane } from "./v128-memory.js";

/**
 * Runs the SIMD instruction at `pc` (layout in simd-code.ts) of the frame at cell `fp`; returns
 * the pc of the next instruction. Kept out of `execute` so that the scalar loop stays small
 * enough for V8 to optimize; it dispatches on the op's family (literal cases: a jump table),
 * and the family's function on the op. `s` is the value stack, or any lane views: the AOT
 * tier runs its rare SIMD ops here, on scratch cells (one implementation for both tiers).
 */
export function executeSimd(
  code: Int32Array,
  pc: number,
  fp: number,
  s: LaneViews,
  mem: MemoryInstance,
): number {
  const op = code[pc + 1]!;
  switch (simdFamily[op]) {
    case 1: // const
      v128Const(s, fp + code[pc + 2]!, code[pc + 3]!, code[pc + 4]!, code[pc + 5]!, code[pc + 6]!);
      return pc + 7;
    case 2: // shuffle
      shuffle(
        s,
        fp + code[pc + 2]!,
        fp + code[pc + 3]!,
        fp + code[pc + 4]!,
        code[pc + 5]!,
        code[pc + 6]!,
        code[pc + 7]!,
        code[pc + 8]!,
      );
      return pc + 9;
    case 3: // load
      load(op, s, mem, fp + code[pc + 2]!, fp + code[pc + 3]!, code[pc + 4]!);
      return pc + 5;
    case 4: // store
      store(s, mem, fp + code[pc + 2]!, fp + code[pc + 3]!, code[pc + 4]!);
      return pc + 5;
    case 5: // loadLane
      loadLane(
        op,
        s,
        mem,
        fp + code[pc + 2]!,
        fp + code[pc + 3]!,
        fp + code[pc + 4]!,
        code[pc + 5]!,
        code[pc + 6]!,
      );
      return pc + 7;
    case 6: // storeLane
      storeLane(op, s, mem, fp + code[pc + 2]!, fp + code[pc + 3]!, code[pc + 4]!, code[pc + 5]!);
      return pc + 6;
    case 7: // splat
      splat(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!);
      return pc + 4;
    case 8: // extractLane
      extractLane(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!, code[pc + 4]!);
      return pc + 5;
    case 9: // replaceLane
      replaceLane(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!, fp + code[pc + 4]!, code[pc + 5]!);
      return pc + 6;
    case 10: // v128Binary
      v128Binary(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!, fp + code[pc + 4]!);
      return pc + 5;
    case 11: // v128Not
      v128Not(s, fp + code[pc + 2]!, fp + code[pc + 3]!);
      return pc + 4;
    case 12: // bitselect
      v128Bitselect(s, fp + code[pc + 2]!, fp + code[pc + 3]!, fp + code[pc + 4]!, fp + code[pc + 5]!);
      return pc + 6;
    case 13: // anyTrue
      s.i32[fp + code[pc + 2]!] = v128AnyTrue(s, fp + code[pc + 3]!);
      return pc + 4;
    case 14: // i8x16 binary
      i8x16Binary(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!, fp + code[pc + 4]!);
      return pc + 5;
    case 15: // i8x16 unary
      i8x16Unary(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!);
      return pc + 4;
    case 16: // i8x16 shift
      i8x16Shift(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!, fp + code[pc + 4]!);
      return pc + 5;
    case 17: // i8x16 all_true/bitmask
      s.i32[fp + code[pc + 2]!] = i8x16Test(op, s, fp + code[pc + 3]!);
      return pc + 4;
    case 18: // i16x8 binary
      i16x8Binary(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!, fp + code[pc + 4]!);
      return pc + 5;
    case 19: // i16x8 unary
      i16x8Unary(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!);
      return pc + 4;
    case 20: // i16x8 shift
      i16x8Shift(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!, fp + code[pc + 4]!);
      return pc + 5;
    case 21: // i16x8 all_true/bitmask
      s.i32[fp + code[pc + 2]!] = i16x8Test(op, s, fp + code[pc + 3]!);
      return pc + 4;
    case 22: // i32x4 binary
      i32x4Binary(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!, fp + code[pc + 4]!);
      return pc + 5;
    case 23: // i32x4 unary
      i32x4Unary(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!);
      return pc + 4;
    case 24: // i32x4 shift
      i32x4Shift(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!, fp + code[pc + 4]!);
      return pc + 5;
    case 25: // i32x4 all_true/bitmask
      s.i32[fp + code[pc + 2]!] = i32x4Test(op, s, fp + code[pc + 3]!);
      return pc + 4;
    case 26: // i64x2 binary
      i64x2Binary(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!, fp + code[pc + 4]!);
      return pc + 5;
    case 27: // i64x2 unary
      i64x2Unary(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!);
      return pc + 4;
    case 28: // i64x2 shift
      i64x2Shift(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!, fp + code[pc + 4]!);
      return pc + 5;
    case 29: // i64x2 all_true/bitmask
      s.i32[fp + code[pc + 2]!] = i64x2Test(op, s, fp + code[pc + 3]!);
      return pc + 4;
    case 30: // f32x4 binary
      f32x4Binary(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!, fp + code[pc + 4]!);
      return pc + 5;
    case 31: // f32x4 unary
      f32x4Unary(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!);
      return pc + 4;
    case 32: // f64x2 binary
      f64x2Binary(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!, fp + code[pc + 4]!);
      return pc + 5;
    case 33: // f64x2 unary
      f64x2Unary(op, s, fp + code[pc + 2]!, fp + code[pc + 3]!);
      return pc + 4;
    case 34: // relaxed SIMD
      return executeRelaxed(code, pc, fp, s);
    default:
      throw new Error(`interpreter: bad SIMD op ${op} at pc ${pc}`);
  }
}
