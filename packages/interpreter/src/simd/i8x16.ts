import { type LaneViews, scratch, storeScratch } from "./lane-views.js";

/**
 * i8x16 operations: 16 lanes of 8 bits. Operands and results are slots given by their first
 * cell (absolute); a result slot may be an operand's. Lane-wise loops read lane k of each
 * operand before writing lane k of the result, so they need no copy; the others build their
 * result in `scratch`. Int8Array/Uint8Array stores wrap modulo 2^8, which is the wasm result
 * of the non-saturating operations.
 */

/** i8x16 operations of type [v128 v128] -> v128 (op is the SIMD sub-opcode). */
export function i8x16Binary(op: number, v: LaneViews, d: number, a: number, b: number): void {
  const S = v.i8;
  const U = v.u8;
  const dd = d << 2;
  const aa = a << 2;
  const bb = b << 2;
  switch (op) {
    case 0x0e: {
      // i8x16.swizzle: indices out of range select 0
      const R = scratch.u8;
      for (let k = 0; k < 16; k++) {
        const index = U[bb + k]!;
        R[k] = index < 16 ? U[aa + index]! : 0;
      }
      storeScratch(v.i32, d);
      return;
    }
    case 0x23: // i8x16.eq
      equalBytes(v.i32, d, a, b, 0);
      return;
    case 0x24: // i8x16.ne
      equalBytes(v.i32, d, a, b, -1);
      return;
    case 0x25: // i8x16.lt_s
      for (let k = 0; k < 16; k++) S[dd + k] = S[aa + k]! < S[bb + k]! ? -1 : 0;
      return;
    case 0x26: // i8x16.lt_u
      for (let k = 0; k < 16; k++) S[dd + k] = U[aa + k]! < U[bb + k]! ? -1 : 0;
      return;
    case 0x27: // i8x16.gt_s
      for (let k = 0; k < 16; k++) S[dd + k] = S[aa + k]! > S[bb + k]! ? -1 : 0;
      return;
    case 0x28: // i8x16.gt_u
      for (let k = 0; k < 16; k++) S[dd + k] = U[aa + k]! > U[bb + k]! ? -1 : 0;
      return;
    case 0x29: // i8x16.le_s
      for (let k = 0; k < 16; k++) S[dd + k] = S[aa + k]! <= S[bb + k]! ? -1 : 0;
      return;
    case 0x2a: // i8x16.le_u
      for (let k = 0; k < 16; k++) S[dd + k] = U[aa + k]! <= U[bb + k]! ? -1 : 0;
      return;
    case 0x2b: // i8x16.ge_s
      for (let k = 0; k < 16; k++) S[dd + k] = S[aa + k]! >= S[bb + k]! ? -1 : 0;
      return;
    case 0x2c: // i8x16.ge_u
      for (let k = 0; k < 16; k++) S[dd + k] = U[aa + k]! >= U[bb + k]! ? -1 : 0;
      return;
    case 0x65: {
      // i8x16.narrow_i16x8_s: a's lanes then b's, saturated to [-128, 127]
      const I = v.i16;
      const R = scratch.i8;
      for (let k = 0; k < 8; k++) {
        R[k] = saturateS8(I[(a << 1) + k]!);
        R[k + 8] = saturateS8(I[(b << 1) + k]!);
      }
      storeScratch(v.i32, d);
      return;
    }
    case 0x66: {
      // i8x16.narrow_i16x8_u: signed inputs saturated to [0, 255]
      const I = v.i16;
      const R = scratch.u8;
      for (let k = 0; k < 8; k++) {
        R[k] = saturateU8(I[(a << 1) + k]!);
        R[k + 8] = saturateU8(I[(b << 1) + k]!);
      }
      storeScratch(v.i32, d);
      return;
    }
    case 0x6e: // i8x16.add
      addBytes(v.i32, d, a, b);
      return;
    case 0x6f: // i8x16.add_sat_s
      for (let k = 0; k < 16; k++) S[dd + k] = saturateS8(S[aa + k]! + S[bb + k]!);
      return;
    case 0x70: // i8x16.add_sat_u
      for (let k = 0; k < 16; k++) {
        const r = U[aa + k]! + U[bb + k]!;
        U[dd + k] = r > 0xff ? 0xff : r;
      }
      return;
    case 0x71: // i8x16.sub
      subtractBytes(v.i32, d, a, b);
      return;
    case 0x72: // i8x16.sub_sat_s
      for (let k = 0; k < 16; k++) S[dd + k] = saturateS8(S[aa + k]! - S[bb + k]!);
      return;
    case 0x73: // i8x16.sub_sat_u
      for (let k = 0; k < 16; k++) {
        const r = U[aa + k]! - U[bb + k]!;
        U[dd + k] = r < 0 ? 0 : r;
      }
      return;
    case 0x76: // i8x16.min_s
      for (let k = 0; k < 16; k++) {
        const x = S[aa + k]!;
        const y = S[bb + k]!;
        S[dd + k] = x < y ? x : y;
      }
      return;
    case 0x77: // i8x16.min_u
      for (let k = 0; k < 16; k++) {
        const x = U[aa + k]!;
        const y = U[bb + k]!;
        U[dd + k] = x < y ? x : y;
      }
      return;
    case 0x78: // i8x16.max_s
      for (let k = 0; k < 16; k++) {
        const x = S[aa + k]!;
        const y = S[bb + k]!;
        S[dd + k] = x > y ? x : y;
      }
      return;
    case 0x79: // i8x16.max_u
      for (let k = 0; k < 16; k++) {
        const x = U[aa + k]!;
        const y = U[bb + k]!;
        U[dd + k] = x > y ? x : y;
      }
      return;
    case 0x7b: // i8x16.avgr_u: (x + y + 1) / 2 without overflow (the sum fits a JS int)
      for (let k = 0; k < 16; k++) U[dd + k] = (U[aa + k]! + U[bb + k]! + 1) >>> 1;
      return;
  }
}

/** i8x16 operations of type v128 -> v128. */
export function i8x16Unary(op: number, v: LaneViews, d: number, a: number): void {
  const S = v.i8;
  const dd = d << 2;
  const aa = a << 2;
  switch (op) {
    case 0x60: // i8x16.abs: abs(-128) wraps to -128
      for (let k = 0; k < 16; k++) {
        const x = S[aa + k]!;
        S[dd + k] = x < 0 ? -x : x;
      }
      return;
    case 0x61: // i8x16.neg
      for (let k = 0; k < 16; k++) S[dd + k] = -S[aa + k]!;
      return;
    case 0x62: {
      // i8x16.popcnt
      const U = v.u8;
      for (let k = 0; k < 16; k++) {
        let x = U[aa + k]!;
        x -= (x >>> 1) & 0x55;
        x = (x & 0x33) + ((x >>> 2) & 0x33);
        U[dd + k] = (x + (x >>> 4)) & 0x0f;
      }
      return;
    }
  }
}

/** i8x16.shl/shr_s/shr_u: the count is the i32 at cell `count`, modulo 8. */
export function i8x16Shift(op: number, v: LaneViews, d: number, a: number, count: number): void {
  const n = v.i32[count]! & 7;
  const dd = d << 2;
  const aa = a << 2;
  if (op === 0x6d) {
    // i8x16.shr_u
    const U = v.u8;
    for (let k = 0; k < 16; k++) U[dd + k] = U[aa + k]! >>> n;
    return;
  }
  const S = v.i8;
  if (op === 0x6b) for (let k = 0; k < 16; k++) S[dd + k] = S[aa + k]! << n;
  else for (let k = 0; k < 16; k++) S[dd + k] = S[aa + k]! >> n;
}

/** i8x16.all_true and i8x16.bitmask: the i32 result. */
export function i8x16Test(op: number, v: LaneViews, a: number): number {
  const S = v.i8;
  const aa = a << 2;
  if (op === 0x63) {
    for (let k = 0; k < 16; k++) if (S[aa + k] === 0) return 0;
    return 1;
  }
  let mask = 0;
  for (let k = 0; k < 16; k++) if (S[aa + k]! < 0) mask |= 1 << k;
  return mask;
}

/**
 * Lane-wise add and subtract four bytes per int32 cell (SWAR): the low seven bits of each byte
 * are added (or subtracted with the top bit borrowed in) without carries crossing bytes, and the
 * top bit is fixed up with xor. A quarter of the loop iterations of a byte loop.
 */
function addBytes(I: Int32Array, d: number, a: number, b: number): void {
  for (let k = 0; k < 4; k++) {
    const x = I[a + k]!;
    const y = I[b + k]!;
    I[d + k] = ((x & 0x7f7f7f7f) + (y & 0x7f7f7f7f)) ^ ((x ^ y) & 0x80808080);
  }
}
function subtractBytes(I: Int32Array, d: number, a: number, b: number): void {
  for (let k = 0; k < 4; k++) {
    const x = I[a + k]!;
    const y = I[b + k]!;
    I[d + k] = ((x | 0x80808080) - (y & 0x7f7f7f7f)) ^ ((x ^ ~y) & 0x80808080);
  }
}

/**
 * i8x16.eq (`invert` 0) and i8x16.ne (`invert` -1), four bytes per cell: a byte of x ^ y is
 * non-zero when adding 0x7f to its low seven bits carries into its top bit or that bit is set;
 * the equal bytes' top bits are then spread to whole bytes (0x80 | (0x80 - 1)).
 */
function equalBytes(I: Int32Array, d: number, a: number, b: number, invert: number): void {
  for (let k = 0; k < 4; k++) {
    const t = I[a + k]! ^ I[b + k]!;
    const equal = ~(((t & 0x7f7f7f7f) + 0x7f7f7f7f) | t) & 0x80808080;
    I[d + k] = (equal | (equal - (equal >>> 7))) ^ invert;
  }
}

function saturateS8(x: number): number {
  return x < -128 ? -128 : x > 127 ? 127 : x;
}
function saturateU8(x: number): number {
  return x < 0 ? 0 : x > 255 ? 255 : x;
}
