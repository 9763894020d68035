import type { LaneViews } from "./lane-views.js";

/** Whole-vector bit operations, four cells at a time; a result slot may be an operand's. */

/** v128.and, v128.andnot, v128.or, v128.xor (op is the SIMD sub-opcode). */
export function v128Binary(op: number, v: LaneViews, d: number, a: number, b: number): void {
  const I = v.i32;
  switch (op) {
    case 0x4e: // v128.and
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! & I[b + k]!;
      return;
    case 0x4f: // v128.andnot
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! & ~I[b + k]!;
      return;
    case 0x50: // v128.or
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! | I[b + k]!;
      return;
    case 0x51: // v128.xor
      for (let k = 0; k < 4; k++) I[d + k] = I[a + k]! ^ I[b + k]!;
      return;
  }
}

/** v128.not */
export function v128Not(v: LaneViews, d: number, a: number): void {
  const I = v.i32;
  for (let k = 0; k < 4; k++) I[d + k] = ~I[a + k]!;
}

/** v128.bitselect: bits of a where the mask c is 1, of b where it is 0. */
export function v128Bitselect(v: LaneViews, d: number, a: number, b: number, c: number): void {
  const I = v.i32;
  for (let k = 0; k < 4; k++) {
    const mask = I[c + k]!;
    I[d + k] = (I[a + k]! & mask) | (I[b + k]! & ~mask);
  }
}

/** v128.any_true: 1 when any bit is set. */
export function v128AnyTrue(v: LaneViews, a: number): number {
  const I = v.i32;
  return (I[a]! | I[a + 1]! | I[a + 2]! | I[a + 3]!) !== 0 ? 1 : 0;
}
