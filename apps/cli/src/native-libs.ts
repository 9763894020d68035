import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { NativeSymbol, Runtime } from "@microwasm/runtime";
import { importModule } from "./import-module.js";
import { UsageError } from "./usage-error.js";

/** One set of natives under a module name, as a `--native-lib` module exports it. */
interface NativeSet {
  readonly moduleName?: string;
  readonly symbols: readonly NativeSymbol[];
}

function isNativeSet(value: unknown): value is NativeSet {
  return typeof value === "object" && value !== null && Array.isArray((value as NativeSet).symbols);
}

/**
 * iwasm's `--native-lib=FILE`, for JavaScript: FILE is a module whose default export (or
 * `natives` export) is `{ moduleName?, symbols }` or an array of them, each symbol
 * `{ name, signature, fn }` with a WAMR signature string (`"(ii)i"`, `"($)"`, ...). They are
 * registered with the runtime (checked there: a bad symbol is a one-line error) under
 * `moduleName`, default `env`.
 */
export async function registerNativeLibs(runtime: Runtime, files: readonly string[]): Promise<void> {
  for (const file of files) {
    let exported: Record<string, unknown>;
    try {
      exported = await importModule(pathToFileURL(resolve(file)).href);
    } catch (error) {
      throw new UsageError(`cannot load native library ${file}: ${(error as Error).message.split("\n")[0]}`);
    }
    const value = exported["natives"] ?? exported["default"];
    const sets = Array.isArray(value) ? value : [value];
    if (sets.length === 0 || !sets.every(isNativeSet)) {
      throw new UsageError(
        `native library ${file} must export (as default or "natives") { moduleName?, symbols: [...] } or an array of them`,
      );
    }
    for (const set of sets) {
      try {
        runtime.registerNatives(set.moduleName ?? "env", set.symbols);
      } catch (error) {
        throw new UsageError(`native library ${file}: ${(error as Error).message}`);
      }
    }
  }
}
