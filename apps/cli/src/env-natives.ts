import type { MemoryInstance } from "@microwasm/interpreter";
import type { ImportProvider } from "./import-provider.js";

/** What natives registered under `env` (WAMR's builtin libc) get from the CLI. */
export interface EnvNativeContext {
  /** The guest's memory once instantiated (null before, or for a module without memory). */
  readonly memory: () => MemoryInstance | null;
  /** `--heap-size`: the app heap that malloc and friends draw from. */
  readonly heapSize: number;
  /**
   * For a side module, the first free byte after the glue's layout (data, C stack, argv):
   * where its heap may start. Null for other modules (the app heap goes where WAMR puts it).
   */
  readonly heapBase: number | null;
}

/**
 * The providers of `env` natives (printf, malloc, strlen, ...), asked after WASI and the
 * side-module glue. None yet: WAMR's builtin libc comes with `@microwasm/libc-builtin`, and
 * plugging it in is returning its provider from here. Until then an app that calls such a
 * function stops with "failed to call unlinked import function (env, printf)", as iwasm
 * built without the builtin libc does.
 */
export function envNativeProviders(_context: EnvNativeContext): ImportProvider[] {
  return [];
}
