/**
 * i64 multiply, shifts and rotations written inline into compiled code, on the pair variables
 * themselves (low word `a`, high word `A`; see i64-pairs.ts): a call per operator that returns
 * its high word through a typed array kept the i64 kernel at 11x V8. Everything is int32
 * arithmetic (`Math.imul`, shifts, `| 0`), which V8 compiles to machine instructions; a constant
 * operand (the instruction before is an `i64.const`) is specialised when translating.
 *
 * Each function returns one JS block statement that replaces (a, A) with the result; `b`/`B` are
 * the other operand's words, `k` a shift count's low word. Temporaries are block-scoped `const`s.
 */

/** A constant operand: its two words as int32. */
export interface ConstPair {
  readonly lo: number;
  readonly hi: number;
}

/**
 * (a, A) * (b, B) mod 2^64. The high word is hi32(a * b) (unsigned, from 16-bit limbs whose
 * partial products Math.imul gives exactly mod 2^32) plus a*B + A*b (mod 2^32).
 */
export function i64MulInline(a: string, A: string, b: string, B: string, k?: ConstPair): string {
  const b0 = k === undefined ? "b0" : String(k.lo & 0xffff);
  const b1 = k === undefined ? "b1" : String(k.lo >>> 16);
  const bLo = k === undefined ? b : String(k.lo);
  const limbs = k === undefined ? `const b0 = ${b} & 0xffff, b1 = ${b} >>> 16; ` : "";
  const cross = k !== undefined && k.hi === 0 ? "" : ` + Math.imul(${a}, ${k === undefined ? B : k.hi})`;
  return (
    `{ const a0 = ${a} & 0xffff, a1 = ${a} >>> 16; ${limbs}` +
    `const p00 = Math.imul(a0, ${b0}), p01 = Math.imul(a0, ${b1}), p10 = Math.imul(a1, ${b0}); ` +
    `const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff); ` +
    `${A} = (Math.imul(a1, ${b1}) + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16) + Math.imul(${A}, ${bLo})${cross}) | 0; ` +
    `${a} = Math.imul(${a}, ${bLo}); }`
  );
}

/** i64.shl by `k` (a variable's low word) or by the constant `n`. */
export function i64ShlInline(a: string, A: string, k: string, n?: number): string {
  if (n !== undefined) {
    const c = n & 63;
    if (c === 0) return "";
    if (c < 32) return `{ ${A} = (${A} << ${c}) | (${a} >>> ${32 - c}); ${a} <<= ${c}; }`;
    return `{ ${A} = ${a} << ${c - 32}; ${a} = 0; }`;
  }
  // JS masks a shift count to 5 bits; (x >>> 1) >>> (31 - c) is x >>> (32 - c), and 0 for c = 0.
  return (
    `{ const c = ${k} & 63; if (c < 32) { ${A} = (${A} << c) | ((${a} >>> 1) >>> (31 - c)); ${a} <<= c; } ` +
    `else { ${A} = ${a} << c; ${a} = 0; } }`
  );
}

/** i64.shr_s (`signed`) or i64.shr_u by `k` or by the constant `n`. */
export function i64ShrInline(a: string, A: string, k: string, signed: boolean, n?: number): string {
  const shr = signed ? ">>" : ">>>";
  const fill = signed ? `${A} >> 31` : "0";
  if (n !== undefined) {
    const c = n & 63;
    if (c === 0) return "";
    if (c < 32) return `{ ${a} = (${a} >>> ${c}) | (${A} << ${32 - c}); ${A} = (${A} ${shr} ${c}) | 0; }`;
    return `{ ${a} = (${A} ${shr} ${c - 32}) | 0; ${A} = ${fill}; }`;
  }
  return (
    `{ const c = ${k} & 63; if (c < 32) { ${a} = (${a} >>> c) | ((${A} << 1) << (31 - c)); ${A} = (${A} ${shr} c) | 0; } ` +
    `else { ${a} = (${A} ${shr} c) | 0; ${A} = ${fill}; } }`
  );
}

/** i64.rotl (`left`) or i64.rotr by `k` or by the constant `n`. */
export function i64RotInline(a: string, A: string, k: string, left: boolean, n?: number): string {
  if (n !== undefined) {
    const c = left ? n & 63 : (64 - (n & 63)) & 63;
    if (c === 0) return "";
    if (c === 32) return `{ const x = ${a}; ${a} = ${A}; ${A} = x; }`;
    // Rotating by 32 + c is swapping the words, then rotating by c.
    const [lo, hi] = c < 32 ? [a, A] : [A, a];
    const r = c & 31;
    return `{ const x = ${lo}, y = ${hi}; ${a} = (x << ${r}) | (y >>> ${32 - r}); ${A} = (y << ${r}) | (x >>> ${32 - r}); }`;
  }
  // No branch on the count (a varying count mispredicts): bit 5 of the count, as a mask, swaps
  // the words; JS masks shift counts to 5 bits, so `~c` shifts by 31 - (c & 31), and a rotation
  // by 0 shifts the other word out by 1 + 31.
  const [shl, shr] = left ? ["<<", ">>>"] : [">>>", "<<"];
  return (
    `{ const c = ${k}, w = (${a} ^ ${A}) & ((c << 26) >> 31), x = ${a} ^ w, y = ${A} ^ w; ` +
    `${a} = (x ${shl} c) | ((y ${shr} 1) ${shr} ~c); ${A} = (y ${shl} c) | ((x ${shr} 1) ${shr} ~c); }`
  );
}

/**
 * (a, A) + (b, B), or the constant `k`. The carry out of the low words is bit 31 of
 * (a & b) | ((a | b) & ~lo), not a comparison: V8 compiles `x < y ? 1 : 0` to a branch, and a
 * carry between arbitrary values mispredicts half the time. Each sum is truncated at once: an
 * int32 sum that V8 first sees overflow (`A + B` of two words) deoptimizes the function, and the
 * feedback it leaves makes later code add in doubles.
 */
export function i64AddInline(a: string, A: string, b: string, B: string, k?: ConstPair): string {
  if (k === undefined) {
    return `{ const lo = (${a} + ${b}) | 0; ${A} = (((${A} + ${B}) | 0) + (((${a} & ${b}) | ((${a} | ${b}) & ~lo)) >>> 31)) | 0; ${a} = lo; }`;
  }
  if (k.lo === 0) return k.hi === 0 ? "" : `${A} = (${A} + ${k.hi}) | 0;`;
  // With the constant's top bit known, the carry is bit 31 of a | ~lo (set) or a & ~lo (clear).
  const carry = k.lo < 0 ? `((${a} | ~lo) >>> 31)` : `((${a} & ~lo) >>> 31)`;
  const high = k.hi === 0 ? A : `((${A} + ${k.hi}) | 0)`;
  return `{ const lo = (${a} + ${k.lo}) | 0; ${A} = (${high} + ${carry}) | 0; ${a} = lo; }`;
}

/** (a, A) - (b, B): the borrow is bit 31 of (~a & b) | (~(a ^ b) & lo) (see `i64AddInline`). */
export function i64SubInline(a: string, A: string, b: string, B: string): string {
  return `{ const lo = (${a} - ${b}) | 0; ${A} = (((${A} - ${B}) | 0) - (((~${a} & ${b}) | (~(${a} ^ ${b}) & lo)) >>> 31)) | 0; ${a} = lo; }`;
}

/**
 * i64.div_s/div_u/rem_s/rem_u, with the common case inline: a divisor that fits 32 bits (as its
 * sign-extension when signed) whose magnitude d is between 2^12 and 2^30, divided in doubles.
 * The dividend rounded to a double (off by at most 2^10), divided by d (rounded again) is within
 * 1/2 of the exact quotient, so its truncation is off by at most one; the remainder that leaves
 * is within (-2d, 2d), within int32, so its low word (one Math.imul) is exact and tells which
 * way to correct. Signed operands are divided as they are (the double division truncates toward
 * zero as div_s does); the remainder is compared with the bounds after flipping it by the
 * dividend's sign, so no branch depends on a sign (a random sign mispredicts half the time).
 * Zero, overflow, small or wide divisors call `helper`.
 */
export function i64DivInline(
  a: string,
  A: string,
  b: string,
  B: string,
  signed: boolean,
  remainder: boolean,
  helper: string,
): string {
  const slow = `} else { ${a} = ${helper}(${a}, ${A}, ${b}, ${B}) | 0; ${A} = HI[0]; } }`;
  // The 2^-32 that scales a quotient's high word down (exactly: a power of two).
  const down = "2.3283064365386963e-10";
  if (!signed) {
    const lines = [
      `{ if (${B} === 0 && ((${b} - 4096) >>> 0) < 1073737728) {`,
      `const q = ((${A} >>> 0) * 4294967296 + (${a} >>> 0)) / ${b};`,
    ];
    if (remainder) {
      lines.push(
        `let r = (${a} - Math.imul(q | 0, ${b})) | 0;`,
        `if (r < 0) r = (r + ${b}) | 0; else if (r >= ${b}) r = (r - ${b}) | 0;`,
        `${a} = r; ${A} = 0;`,
      );
    } else {
      // q < 2^52 and positive: `| 0` truncates it to its low word, and its 2^-32 multiple to the high one.
      lines.push(
        `let ql = q | 0, qh = (q * ${down}) | 0; const r = (${a} - Math.imul(ql, ${b})) | 0;`,
        "if (r < 0) { if (ql === 0) qh = (qh - 1) | 0; ql = (ql - 1) | 0; }",
        `else if (r >= ${b}) { ql = (ql + 1) | 0; if (ql === 0) qh = (qh + 1) | 0; }`,
        `${a} = ql; ${A} = qh;`,
      );
    }
    lines.push(slow);
    return lines.join(" ");
  }
  // m: the divisor's sign as a mask, n: the dividend's; flipping by a mask is (x ^ m) - m.
  const lines = [
    `{ const m = ${b} >> 31, d = ((${b} ^ m) - m) | 0;`,
    `if (${B} === m && ((d - 4096) >>> 0) < 1073737728) {`,
    `const n = ${A} >> 31, q = (${A} * 4294967296 + (${a} >>> 0)) / ${b};`,
  ];
  if (remainder) {
    lines.push(
      `let r = ((((${a} - Math.imul(q | 0, ${b})) | 0) ^ n) - n) | 0;`,
      "if (r < 0) r = (r + d) | 0; else if (r >= d) r = (r - d) | 0;",
      `${a} = ((r ^ n) - n) | 0; ${A} = ${a} >> 31;`,
    );
  } else {
    // The quotient moves toward zero by one when the flipped remainder is below 0, away from it
    // when it reaches d; the quotient's sign is the operands' signs' product.
    lines.push(
      "let t = Math.trunc(q);",
      `const r = ((((${a} - Math.imul(t | 0, ${b})) | 0) ^ n) - n) | 0;`,
      `if (r < 0) t -= ((${A} ^ ${b}) >> 31) | 1; else if (r >= d) t += ((${A} ^ ${b}) >> 31) | 1;`,
      `${a} = t | 0; ${A} = ((t - (${a} >>> 0)) * ${down}) | 0;`,
    );
  }
  lines.push(slow);
  return lines.join(" ");
}
