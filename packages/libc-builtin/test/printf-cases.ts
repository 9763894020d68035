import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** One printf case produced by C's own printf (see printf-reference/printf-cases.c). */
export interface PrintfCase {
  readonly format: string;
  readonly args: readonly (["i", number] | ["I", string] | ["d", string] | ["s", string])[];
  readonly output: string;
  readonly returns: number;
}

const here = dirname(fileURLToPath(import.meta.url));
export const printfCases: PrintfCase[] = JSON.parse(
  readFileSync(join(here, "printf-reference", "printf-cases.json"), "utf8"),
);

export function latin1Bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

/**
 * Lays out a case in `memory` as clang's wasm32 code would: the NUL-terminated format at
 * `at`, then its strings, then the va_list (each argument aligned to its size).
 * Returns the format's and the va_list's addresses.
 */
export function layOutCase(
  memory: Uint8Array,
  at: number,
  c: PrintfCase,
): { format: number; vaList: number } {
  const view = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
  let cursor = at;
  const put = (text: string): number => {
    const start = cursor;
    memory.set(latin1Bytes(text), cursor);
    memory[cursor + text.length] = 0;
    cursor += text.length + 1;
    return start;
  };
  const format = put(c.format);
  const strings = c.args.map((a) => (a[0] === "s" ? put(a[1]) : 0));
  cursor = Math.ceil(cursor / 8) * 8;
  const vaList = cursor;
  c.args.forEach((a, k) => {
    if (a[0] === "i" || a[0] === "s") {
      cursor = Math.ceil(cursor / 4) * 4;
      view.setInt32(cursor, a[0] === "i" ? a[1] : strings[k]!, true);
      cursor += 4;
    } else {
      cursor = Math.ceil(cursor / 8) * 8;
      if (a[0] === "I") view.setBigInt64(cursor, BigInt(a[1]), true);
      else view.setBigUint64(cursor, BigInt(`0x${a[1]}`), true);
      cursor += 8;
    }
  });
  return { format, vaList };
}
