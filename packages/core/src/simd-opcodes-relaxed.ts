import type { SimdRow } from "./simd-opcodes.js";

/**
 * The relaxed SIMD rows of the 0xFD prefix (feature "relaxedSimd"). The spec lets each
 * return one of a few results; which one microwasm picks is documented in the interpreter's
 * README.
 */
export const relaxedSimdRows: readonly SimdRow[] = [
  [0x100, "i8x16.relaxed_swizzle", "none", "vv>v"],
  [0x101, "i32x4.relaxed_trunc_f32x4_s", "none", "v>v"],
  [0x102, "i32x4.relaxed_trunc_f32x4_u", "none", "v>v"],
  [0x103, "i32x4.relaxed_trunc_f64x2_s_zero", "none", "v>v"],
  [0x104, "i32x4.relaxed_trunc_f64x2_u_zero", "none", "v>v"],
  [0x105, "f32x4.relaxed_madd", "none", "vvv>v"],
  [0x106, "f32x4.relaxed_nmadd", "none", "vvv>v"],
  [0x107, "f64x2.relaxed_madd", "none", "vvv>v"],
  [0x108, "f64x2.relaxed_nmadd", "none", "vvv>v"],
  [0x109, "i8x16.relaxed_laneselect", "none", "vvv>v"],
  [0x10a, "i16x8.relaxed_laneselect", "none", "vvv>v"],
  [0x10b, "i32x4.relaxed_laneselect", "none", "vvv>v"],
  [0x10c, "i64x2.relaxed_laneselect", "none", "vvv>v"],
  [0x10d, "f32x4.relaxed_min", "none", "vv>v"],
  [0x10e, "f32x4.relaxed_max", "none", "vv>v"],
  [0x10f, "f64x2.relaxed_min", "none", "vv>v"],
  [0x110, "f64x2.relaxed_max", "none", "vv>v"],
  [0x111, "i16x8.relaxed_q15mulr_s", "none", "vv>v"],
  [0x112, "i16x8.relaxed_dot_i8x16_i7x16_s", "none", "vv>v"],
  [0x113, "i32x4.relaxed_dot_i8x16_i7x16_add_s", "none", "vvv>v"],
];
