import { type LaneViews, scratch, storeScratch } from "./lane-views.js";

/**
 * i16x8 operations: 8 lanes of 16 bits, indexed `(cell << 1) + k` in the 16-bit views. As for
 * i8x16 (see i8x16.ts): lane-wise loops work in place, cross-lane results go through `scratch`,
 * and typed-array stores wrap modulo 2^16.
 */

/** i16x8 operations of type [v128 v128] -> v128 (op is the SIMD sub-opcode). */
export function i16x8Binary(op: number, v: LaneViews, d: number, a: number, b: number): void {
  const S = v.i16;
  const U = v.u16;
  const dd = d << 1;
  const aa = a << 1;
  const bb = b << 1;
  switch (op) {
    case 0x2d: // i16x8.eq
      for (let k = 0; k < 8; k++) S[dd + k] = S[aa + k] === S[bb + k] ? -1 : 0;
      return;
    case 0x2e: // i16x8.ne
      for (let k = 0; k < 8; k++) S[dd + k] = S[aa + k] !== S[bb + k] ? -1 : 0;
      return;
    case 0x2f: // i16x8.lt_s
      for (let k = 0; k < 8; k++) S[dd + k] = S[aa + k]! < S[bb + k]! ? -1 : 0;
      return;
    case 0x30: // i16x8.lt_u
      for (let k = 0; k < 8; k++) S[dd + k] = U[aa + k]! < U[bb + k]! ? -1 : 0;
      return;
    case 0x31: // i16x8.gt_s
      for (let k = 0; k < 8; k++) S[dd + k] = S[aa + k]! > S[bb + k]! ? -1 : 0;
      return;
    case 0x32: // i16x8.gt_u
      for (let k = 0; k < 8; k++) S[dd + k] = U[aa + k]! > U[bb + k]! ? -1 : 0;
      return;
    case 0x33: // i16x8.le_s
      for (let k = 0; k < 8; k++) S[dd + k] = S[aa + k]! <= S[bb + k]! ? -1 : 0;
      return;
    case 0x34: // i16x8.le_u
      for (let k = 0; k < 8; k++) S[dd + k] = U[aa + k]! <= U[bb + k]! ? -1 : 0;
      return;
    case 0x35: // i16x8.ge_s
      for (let k = 0; k < 8; k++) S[dd + k] = S[aa + k]! >= S[bb + k]! ? -1 : 0;
      return;
    case 0x36: // i16x8.ge_u
      for (let k = 0; k < 8; k++) S[dd + k] = U[aa + k]! >= U[bb + k]! ? -1 : 0;
      return;
    case 0x82: // i16x8.q15mulr_sat_s: (x * y + 2^14) >> 15; only -32768 * -32768 saturates
      for (let k = 0; k < 8; k++) {
        const r = (Math.imul(S[aa + k]!, S[bb + k]!) + 0x4000) >> 15;
        S[dd + k] = r > 0x7fff ? 0x7fff : r;
      }
      return;
    case 0x85: {
      // i16x8.narrow_i32x4_s
      const I = v.i32;
      const R = scratch.i16;
      for (let k = 0; k < 4; k++) {
        R[k] = saturateS16(I[a + k]!);
        R[k + 4] = saturateS16(I[b + k]!);
      }
      storeScratch(v.i32, d);
      return;
    }
    case 0x86: {
      // i16x8.narrow_i32x4_u
      const I = v.i32;
      const R = scratch.u16;
      for (let k = 0; k < 4; k++) {
        R[k] = saturateU16(I[a + k]!);
        R[k + 4] = saturateU16(I[b + k]!);
      }
      storeScratch(v.i32, d);
      return;
    }
    case 0x8e: {
      // i16x8.add, two lanes per cell (see addBytes in i8x16.ts)
      const I = v.i32;
      for (let k = 0; k < 4; k++) {
        const x = I[a + k]!;
        const y = I[b + k]!;
        I[d + k] = ((x & 0x7fff7fff) + (y & 0x7fff7fff)) ^ ((x ^ y) & 0x80008000);
      }
      return;
    }
    case 0x8f: // i16x8.add_sat_s
      for (let k = 0; k < 8; k++) S[dd + k] = saturateS16(S[aa + k]! + S[bb + k]!);
      return;
    case 0x90: // i16x8.add_sat_u
      for (let k = 0; k < 8; k++) {
        const r = U[aa + k]! + U[bb + k]!;
        U[dd + k] = r > 0xffff ? 0xffff : r;
      }
      return;
    case 0x91: {
      // i16x8.sub, two lanes per cell
      const I = v.i32;
      for (let k = 0; k < 4; k++) {
        const x = I[a + k]!;
        const y = I[b + k]!;
        I[d + k] = ((x | 0x80008000) - (y & 0x7fff7fff)) ^ ((x ^ ~y) & 0x80008000);
      }
      return;
    }
    case 0x92: // i16x8.sub_sat_s
      for (let k = 0; k < 8; k++) S[dd + k] = saturateS16(S[aa + k]! - S[bb + k]!);
      return;
    case 0x93: // i16x8.sub_sat_u
      for (let k = 0; k < 8; k++) {
        const r = U[aa + k]! - U[bb + k]!;
        U[dd + k] = r < 0 ? 0 : r;
      }
      return;
    case 0x95: // i16x8.mul
      for (let k = 0; k < 8; k++) S[dd + k] = Math.imul(S[aa + k]!, S[bb + k]!);
      return;
    case 0x96: // i16x8.min_s
      for (let k = 0; k < 8; k++) {
        const x = S[aa + k]!;
        const y = S[bb + k]!;
        S[dd + k] = x < y ? x : y;
      }
      return;
    case 0x97: // i16x8.min_u
      for (let k = 0; k < 8; k++) {
        const x = U[aa + k]!;
        const y = U[bb + k]!;
        U[dd + k] = x < y ? x : y;
      }
      return;
    case 0x98: // i16x8.max_s
      for (let k = 0; k < 8; k++) {
        const x = S[aa + k]!;
        const y = S[bb + k]!;
        S[dd + k] = x > y ? x : y;
      }
      return;
    case 0x99: // i16x8.max_u
      for (let k = 0; k < 8; k++) {
        const x = U[aa + k]!;
        const y = U[bb + k]!;
        U[dd + k] = x > y ? x : y;
      }
      return;
    case 0x9b: // i16x8.avgr_u
      for (let k = 0; k < 8; k++) U[dd + k] = (U[aa + k]! + U[bb + k]! + 1) >>> 1;
      return;
    case 0x9c: // i16x8.extmul_low_i8x16_s
    case 0x9d: {
      // i16x8.extmul_high_i8x16_s
      const I = v.i8;
      const R = scratch.i16;
      const first = op === 0x9c ? 0 : 8;
      for (let k = 0; k < 8; k++) R[k] = I[(a << 2) + first + k]! * I[(b << 2) + first + k]!;
      storeScratch(v.i32, d);
      return;
    }
    case 0x9e: // i16x8.extmul_low_i8x16_u
    case 0x9f: {
      // i16x8.extmul_high_i8x16_u
      const I = v.u8;
      const R = scratch.u16;
      const first = op === 0x9e ? 0 : 8;
      for (let k = 0; k < 8; k++) R[k] = I[(a << 2) + first + k]! * I[(b << 2) + first + k]!;
      storeScratch(v.i32, d);
      return;
    }
  }
}

/** i16x8 operations of type v128 -> v128. */
export function i16x8Unary(op: number, v: LaneViews, d: number, a: number): void {
  const S = v.i16;
  const dd = d << 1;
  const aa = a << 1;
  switch (op) {
    case 0x7c: {
      // i16x8.extadd_pairwise_i8x16_s
      const I = v.i8;
      const R = scratch.i16;
      for (let k = 0; k < 8; k++) R[k] = I[(a << 2) + 2 * k]! + I[(a << 2) + 2 * k + 1]!;
      storeScratch(v.i32, d);
      return;
    }
    case 0x7d: {
      // i16x8.extadd_pairwise_i8x16_u
      const I = v.u8;
      const R = scratch.u16;
      for (let k = 0; k < 8; k++) R[k] = I[(a << 2) + 2 * k]! + I[(a << 2) + 2 * k + 1]!;
      storeScratch(v.i32, d);
      return;
    }
    case 0x80: // i16x8.abs
      for (let k = 0; k < 8; k++) {
        const x = S[aa + k]!;
        S[dd + k] = x < 0 ? -x : x;
      }
      return;
    case 0x81: // i16x8.neg
      for (let k = 0; k < 8; k++) S[dd + k] = -S[aa + k]!;
      return;
    case 0x87: // i16x8.extend_low_i8x16_s
    case 0x88: {
      // i16x8.extend_high_i8x16_s
      const I = v.i8;
      const R = scratch.i16;
      const first = (a << 2) + (op === 0x87 ? 0 : 8);
      for (let k = 0; k < 8; k++) R[k] = I[first + k]!;
      storeScratch(v.i32, d);
      return;
    }
    case 0x89: // i16x8.extend_low_i8x16_u
    case 0x8a: {
      // i16x8.extend_high_i8x16_u
      const I = v.u8;
      const R = scratch.u16;
      const first = (a << 2) + (op === 0x89 ? 0 : 8);
      for (let k = 0; k < 8; k++) R[k] = I[first + k]!;
      storeScratch(v.i32, d);
      return;
    }
  }
}

/** i16x8.shl/shr_s/shr_u: the count is the i32 at cell `count`, modulo 16. */
export function i16x8Shift(op: number, v: LaneViews, d: number, a: number, count: number): void {
  const n = v.i32[count]! & 15;
  const dd = d << 1;
  const aa = a << 1;
  if (op === 0x8d) {
    // i16x8.shr_u
    const U = v.u16;
    for (let k = 0; k < 8; k++) U[dd + k] = U[aa + k]! >>> n;
    return;
  }
  const S = v.i16;
  if (op === 0x8b) for (let k = 0; k < 8; k++) S[dd + k] = S[aa + k]! << n;
  else for (let k = 0; k < 8; k++) S[dd + k] = S[aa + k]! >> n;
}

/** i16x8.all_true and i16x8.bitmask: the i32 result. */
export function i16x8Test(op: number, v: LaneViews, a: number): number {
  const S = v.i16;
  const aa = a << 1;
  if (op === 0x83) {
    for (let k = 0; k < 8; k++) if (S[aa + k] === 0) return 0;
    return 1;
  }
  let mask = 0;
  for (let k = 0; k < 8; k++) if (S[aa + k]! < 0) mask |= 1 << k;
  return mask;
}

function saturateS16(x: number): number {
  return x < -0x8000 ? -0x8000 : x > 0x7fff ? 0x7fff : x;
}
function saturateU16(x: number): number {
  return x < 0 ? 0 : x > 0xffff ? 0xffff : x;
}
