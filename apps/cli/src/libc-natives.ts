import { emscriptenPrintfAliases, LIBC_BUILTIN_MODULE, libcBuiltinNatives } from "@microwasm/libc-builtin";
import { hostOutput } from "@microwasm/libc-wasi";
import type { Runtime } from "@microwasm/runtime";

/**
 * Registers WAMR's builtin libc (module `env`) with the runtime, printing to the process's
 * stdout, plus the names emscripten's optimizer gives the printf family. Loaded only for
 * modules that import from `env`: the natives' zod-checked registration stays off the start
 * of a WASI command.
 */
export function registerBuiltinLibc(runtime: Runtime): void {
  const stdout = hostOutput(1);
  const libc = libcBuiltinNatives({ stdout: (bytes) => stdout.write(bytes) });
  runtime.registerNatives(LIBC_BUILTIN_MODULE, [...libc, ...emscriptenPrintfAliases(libc)]);
}
