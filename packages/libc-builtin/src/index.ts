/**
 * @microwasm/libc-builtin: WAMR's builtin libc subset as natives for module `env`, with WAMR's
 * names and signatures.
 *
 * - `libcBuiltinNatives({ stdout })` → the `NativeSymbol`s: the printf family (formats exactly
 *   like C, reading the wasm32 `va_list` from linear memory), puts/putchar, the mem and str
 *   functions, malloc/realloc/calloc/free/strdup on the instance's `moduleMalloc` (the app
 *   heap), atoi/strtol/strtoul, ctype, exit/abort (the instance's exception), clocks.
 *   Register them with the runtime under `LIBC_BUILTIN_MODULE` ("env").
 * - `emscriptenPrintfAliases(natives)`: copies of the printf family under the names emscripten's
 *   optimizer gives them (`iprintf`, `__small_printf`, ...), for side modules built -O3.
 * - `formatPrintf(format, args)`: the formatter on its own.
 * Every pointer and length from the app is bounds-checked; a bad one sets the exception
 * "out of bounds memory access" and the function returns 0.
 */

export { emscriptenPrintfAliases } from "./emscripten-printf-aliases.js";
export { LIBC_BUILTIN_MODULE, type LibcBuiltinOptions, libcBuiltinNatives } from "./libc-builtin.js";
export { formatPrintf, type PrintfArguments } from "./printf/format.js";
export { OutOfBoundsAccess, WasmVaList } from "./printf/va-list.js";
export type { OutputSink } from "./stdio-natives.js";
