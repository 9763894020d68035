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
  const count = left ? `${k} & 63` : `(64 - (${k} & 63)) & 63`;
  return (
    `{ const c = ${count}; const x = c < 32 ? ${a} : ${A}, y = c < 32 ? ${A} : ${a}; ` +
    `${a} = (x << c) | ((y >>> 1) >>> (31 - (c & 31))); ${A} = (y << c) | ((x >>> 1) >>> (31 - (c & 31))); }`
  );
}

/**
 * i64.div_s/div_u/rem_s/rem_u, with the common case inline: a divisor that fits 32 bits (as its
 * sign-extension when signed) between 2^12 and 2^30, divided in doubles. The dividend rounded
 * to a double, divided, truncated, is within 1 of the quotient (at most 3 * 2^10 / d off: see
 * `divideSmall` in i64-pairs.ts); the remainder it leaves is then in (-d, 2d), within int32, so
 * its low word (one Math.imul) is exact and corrects the quotient by one. No Math.floor: it
 * was on the critical path. Anything else (zero,
 * overflow, small or wide divisors) calls `helper`.
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
  const lines = [`{ const d = ${signed ? `Math.abs(${b})` : `${b} >>> 0`};`];
  lines.push(`if (${B} === ${signed ? `${b} >> 31` : "0"} && d >= 4096 && d < 1073741824) {`);
  if (signed) {
    lines.push(
      `const neg = ${A} < 0, l = neg ? -${a} | 0 : ${a}, h = (neg ? ~${A} + (l === 0 ? 1 : 0) : ${A}) >>> 0;`,
    );
  } else lines.push(`const l = ${a}, h = ${A} >>> 0;`);
  // q < 2^52 and positive: `| 0` truncates it (that is, floors it) to its low word.
  lines.push(
    "const q = (h * 4294967296 + (l >>> 0)) / d; let ql = q | 0;",
    "let r = (l - Math.imul(ql, d)) | 0;",
  );
  if (remainder) {
    lines.push("if (r < 0) r += d; else if (r >= d) r -= d;");
    if (signed) lines.push(`${a} = neg ? -r | 0 : r; ${A} = ${a} >> 31;`);
    else lines.push(`${a} = r; ${A} = 0;`);
  } else {
    lines.push(
      "let qh = (q / 4294967296) | 0;",
      "if (r < 0) { if (ql === 0) qh = (qh - 1) | 0; ql = (ql - 1) | 0; } else if (r >= d) { ql = (ql + 1) | 0; if (ql === 0) qh = (qh + 1) | 0; }",
    );
    if (signed) {
      lines.push(
        `if (neg !== ${b} < 0) { ${a} = -ql | 0; ${A} = (~qh + (${a} === 0 ? 1 : 0)) | 0; } else { ${a} = ql; ${A} = qh; }`,
      );
    } else lines.push(`${a} = ql; ${A} = qh;`);
  }
  lines.push(`} else { ${a} = ${helper}(${a}, ${A}, ${b}, ${B}); ${A} = HI[0]; } }`);
  return lines.join(" ");
}
