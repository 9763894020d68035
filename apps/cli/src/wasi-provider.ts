import { ExternalKind, LinkError, valTypeName } from "@microwasm/core";
import { createHostFunction, type Value } from "@microwasm/interpreter";
import { isWasiFunctionType, type WASI } from "@microwasm/libc-wasi";
import type { ImportProvider } from "./import-provider.js";

export const WASI_MODULE = "wasi_snapshot_preview1";

/**
 * The `wasi_snapshot_preview1` imports from a libc-wasi `WASI`, as host functions of our
 * interpreter. Its functions take numbers (i32) and bigints (i64), the interpreter's
 * boundary values, so no conversion is needed. An import whose type differs from WASI's is
 * a LinkError ("incompatible import type").
 */
export function wasiProvider(wasi: WASI): ImportProvider {
  const functions = wasi.wasiImport as Record<string, (...args: Value[]) => number>;
  return (imp, type) => {
    if (imp.module !== WASI_MODULE || imp.desc.kind !== ExternalKind.func || type === undefined)
      return undefined;
    const fn = functions[imp.name];
    if (fn === undefined) return undefined;
    const name = `${imp.module}.${imp.name}`;
    if (!isWasiFunctionType(imp.name, type.params.map(valTypeName), type.results.map(valTypeName))) {
      throw new LinkError("incompatible import type", `${name} does not have WASI's function type`);
    }
    if (type.results.length === 0) {
      return createHostFunction(
        type,
        (args) => {
          fn(...args);
          return [];
        },
        name,
      );
    }
    return createHostFunction(type, (args) => [fn(...args)], name);
  };
}
