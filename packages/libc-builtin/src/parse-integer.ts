import { isDigit, isSpace } from "./ctype-natives.js";

const INT32_MAX = 0x7fffffff;
const UINT32_MAX = 0xffffffff;

export interface ParsedInteger {
  readonly value: number;
  /** App offset of the first byte not used (`start` when no digits were found). */
  readonly end: number;
}

function digitValue(c: number): number {
  if (isDigit(c)) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return lower - 0x61 + 10;
  return 99;
}

/**
 * C's strtol/strtoul for wasm32 (32-bit long): leading space, a sign, a `0x` prefix for base 16
 * or 0, octal for a leading 0 with base 0; out-of-range values clamp (LONG_MIN/LONG_MAX, or
 * ULONG_MAX for strtoul, which negates a '-' value modulo 2^32).
 */
export function parseInteger(
  memory: Uint8Array,
  start: number,
  base: number,
  unsigned: boolean,
): ParsedInteger {
  let i = start;
  while (isSpace(memory[i] ?? 0)) i++;
  let negative = false;
  if (memory[i] === 0x2b || memory[i] === 0x2d) negative = memory[i++] === 0x2d;
  const hexPrefix =
    memory[i] === 0x30 && ((memory[i + 1] ?? 0) | 0x20) === 0x78 && digitValue(memory[i + 2] ?? 0) < 16;
  if ((base === 0 || base === 16) && hexPrefix) {
    i += 2;
    base = 16;
  } else if (base === 0) {
    base = memory[i] === 0x30 ? 8 : 10;
  }
  if (base < 2 || base > 36) return { value: 0, end: start };
  const digitsStart = i;
  let magnitude = 0;
  let overflow = false;
  for (;;) {
    const d = digitValue(memory[i] ?? 0);
    if (d >= base) break;
    magnitude = magnitude * base + d;
    if (magnitude > 2 * UINT32_MAX) overflow = true;
    if (overflow) magnitude = 2 * UINT32_MAX;
    i++;
  }
  if (i === digitsStart) return { value: 0, end: start };
  if (unsigned) {
    if (overflow || magnitude > UINT32_MAX) return { value: UINT32_MAX, end: i };
    return { value: (negative ? -magnitude : magnitude) >>> 0, end: i };
  }
  if (negative) return { value: magnitude > INT32_MAX + 1 ? -INT32_MAX - 1 : -magnitude, end: i };
  return { value: magnitude > INT32_MAX ? INT32_MAX : magnitude, end: i };
}
