import { encodeU32 } from "@microwasm/core";

/** Tiny helpers to build module binaries by hand in tests. */

export type Bytes = readonly number[];

export const header: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export function wasm(...sections: Bytes[]): Uint8Array {
  return Uint8Array.from([...header, ...sections.flat()]);
}

export function section(id: number, ...content: Bytes[]): number[] {
  const body = content.flat();
  return [id, ...encodeU32(body.length), ...body];
}

export function vec(...items: Bytes[]): number[] {
  return [...encodeU32(items.length), ...items.flat()];
}

export function str(text: string): number[] {
  const utf8 = new TextEncoder().encode(text);
  return [...encodeU32(utf8.length), ...utf8];
}

/** A function body: local declarations ([count, type] pairs) and instruction bytes (ending in `end`). */
export function body(locals: readonly (readonly [number, number])[], instrs: Bytes): number[] {
  const content = [
    ...encodeU32(locals.length),
    ...locals.flatMap(([n, t]) => [...encodeU32(n), t]),
    ...instrs,
  ];
  return [...encodeU32(content.length), ...content];
}

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export const FUNCREF = 0x70;
export const EXTERNREF = 0x6f;
export const END = 0x0b;

/** Type section with one `[] -> []` type, function section with `n` functions of it. */
export function voidFunctions(n: number): number[][] {
  return [section(1, vec([0x60, 0, 0])), section(3, vec(...Array.from({ length: n }, () => [0])))];
}

/** A module with one `[] -> []` function whose body is `instrs` (no locals). */
export function moduleWithBody(instrs: Bytes, ...extra: { before?: Bytes[]; after?: Bytes[] }[]): Uint8Array {
  const before = extra.flatMap((e) => e.before ?? []);
  const after = extra.flatMap((e) => e.after ?? []);
  return wasm(...voidFunctions(1), ...before, section(10, vec(body([], instrs))), ...after);
}
