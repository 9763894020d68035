import type { NativeSymbol } from "@microwasm/native";

/**
 * emscripten's optimizer renames printf-family calls whose formats need no floating point to
 * the integer-only variants (`iprintf`, `siprintf`, ...) and, for small float formats, to
 * `__small_*`: an -O3 SIDE_MODULE of WAMR's hello world imports `env.iprintf`. WAMR's builtin
 * libc has neither, so iwasm cannot run such a build. They take the same arguments as the
 * originals and their output is the same for every format they accept, so a runtime may link
 * them to the builtin libc's printf family (microwasm's CLI does).
 */
const VARIANTS: Readonly<Record<string, readonly string[]>> = {
  printf: ["iprintf", "__small_printf"],
  sprintf: ["siprintf", "__small_sprintf"],
  snprintf: ["sniprintf", "__small_snprintf"],
  vprintf: ["viprintf", "__small_vprintf"],
  vsprintf: ["vsiprintf", "__small_vsprintf"],
  vsnprintf: ["vsniprintf", "__small_vsnprintf"],
};

/** The emscripten printf variants, as copies of the natives in `natives` they stand for. */
export function emscriptenPrintfAliases(natives: readonly NativeSymbol[]): NativeSymbol[] {
  return natives.flatMap((native) => (VARIANTS[native.name] ?? []).map((name) => ({ ...native, name })));
}
