import type { FuncType, Import } from "@microwasm/core";
import type { ExternalValue } from "@microwasm/interpreter";

/**
 * Supplies values for a module's imports: returns the value for `imp` (whose function type,
 * for a function import, is `type`) or undefined when it does not provide that import.
 * Providers are asked in order; WASI, the emscripten side-module glue and the builtin
 * libc's `env` natives are each one provider.
 */
export type ImportProvider = (imp: Import, type: FuncType | undefined) => ExternalValue | undefined;
