import { ExternalKind, type Import, LinkError, type Module } from "@microwasm/core";
import { createHostFunction, type ExternalValue } from "@microwasm/interpreter";
import { UnlinkedImportError } from "./guest-abort.js";
import type { ImportProvider } from "./import-provider.js";

export interface LinkedImports {
  readonly values: ExternalValue[];
  /** Function imports no provider had: linked to a function that throws when called. */
  readonly unlinked: readonly Import[];
}

/**
 * One value per import, from the first provider that has it. As iwasm does, a function that
 * no provider has is linked anyway to one that fails when called ("failed to call unlinked
 * import function"), so a module runs as long as it does not call it; a missing memory,
 * table or global is a LinkError.
 */
export function linkImports(module: Module, providers: readonly ImportProvider[]): LinkedImports {
  const unlinked: Import[] = [];
  const values = module.imports.map((imp): ExternalValue => {
    const type = imp.desc.kind === ExternalKind.func ? module.types[imp.desc.typeIndex] : undefined;
    for (const provider of providers) {
      const value = provider(imp, type);
      if (value !== undefined) return value;
    }
    if (imp.desc.kind !== ExternalKind.func || type === undefined) {
      throw new LinkError("unknown import", `${imp.module}.${imp.name} is not provided`);
    }
    unlinked.push(imp);
    return createHostFunction(
      type,
      () => {
        throw new UnlinkedImportError(imp.module, imp.name);
      },
      `${imp.module}.${imp.name}`,
    );
  });
  return { values, unlinked };
}
