import { ExternalKind, externalKindNames, type FuncType, type Import, LinkError } from "@microwasm/core";
import {
  createHostFunction,
  createRawHostFunction,
  type ExternalValue,
  FunctionInstance,
  GlobalInstance,
  MemoryInstance,
  TableInstance,
  type Value,
} from "@microwasm/interpreter";
import { bindNative, checkNativeLink, type NativeRegistry } from "@microwasm/native";
import { ExceptionRaised } from "./errors.js";
import type { ExecEnv } from "./exec-env.js";
import { WASI_MODULE, wasiFunction } from "./instance-wasi.js";
import type { LoadedModule } from "./loaded-module.js";
import type { ModuleInstance } from "./module-instance.js";
import type { InstanceWasi } from "./runtime-host.js";

/**
 * Supplies values for imports: the value for `imp` (whose function type, for a function
 * import, is `type`), or undefined when it does not provide that import.
 */
export type ImportProvider = (imp: Import, type: FuncType | undefined) => ExternalValue | undefined;

/** How imports that name a registered module get their instance. */
export interface ImportSources {
  readonly explicit: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined;
  readonly natives: NativeRegistry<ExecEnv>;
  /** The instance's WASI, when the module imports it: below registered natives, as WAMR's libc-wasi. */
  readonly wasi: InstanceWasi | undefined;
  /** The dynamic-linking glue of a side module (its memory, table, stack globals and GOT). */
  readonly glue: ImportProvider | undefined;
  /** The module registered under a name (WAMR's multi-module), if any. */
  registeredModule(name: string): LoadedModule | undefined;
  /** Instantiates a registered module for the importing instance (one per importer, as WAMR does). */
  instantiateDependency(module: LoadedModule): ModuleInstance;
}

/**
 * One external value per import of `loaded`, in order: explicit imports first, then a side
 * module's glue, then registered modules' exports, then natives, then (for
 * `wasi_snapshot_preview1`) the instance's WASI. A function import nothing provides links to a
 * stub that fails when called with WAMR's "failed to call unlinked import function (module,
 * name)" and is listed in `unlinked`; any other missing import is a `LinkError`, and so is a
 * native whose signature does not match.
 */
export function linkImports(
  loaded: LoadedModule,
  owner: ModuleInstance,
  sources: ImportSources,
): { values: ExternalValue[]; unlinked: Import[] } {
  const { module } = loaded.compiled;
  const dependencies = new Map<string, ModuleInstance>();
  const unlinked: Import[] = [];
  const values = module.imports.map((imp) => {
    const type = imp.desc.kind === ExternalKind.func ? module.types[imp.desc.typeIndex]! : undefined;
    const given = sources.explicit?.[imp.module]?.[imp.name];
    if (given !== undefined) return explicitImport(given, imp, type);
    const glued = sources.glue?.(imp, type);
    if (glued !== undefined) return glued;
    const registered = sources.registeredModule(imp.module);
    if (registered !== undefined) {
      let dependency = dependencies.get(imp.module);
      if (dependency === undefined) {
        dependency = sources.instantiateDependency(registered);
        dependencies.set(imp.module, dependency);
      }
      const value = dependency.getExport(imp.name);
      if (value === undefined)
        throw new LinkError("unknown import", `${imp.module}.${imp.name}: not exported`);
      return value;
    }
    if (type !== undefined) {
      const wasi =
        sources.wasi !== undefined &&
        imp.module === WASI_MODULE &&
        sources.natives.resolve(imp.module, imp.name) === undefined
          ? wasiFunction(sources.wasi, imp, type)
          : undefined;
      if (wasi !== undefined) return wasi;
      const native = sources.natives.resolve(imp.module, imp.name);
      if (native === undefined) unlinked.push(imp);
      return nativeImport(native, owner, imp, type);
    }
    throw new LinkError(
      "unknown import",
      `${imp.module}.${imp.name}: no ${externalKindNames[imp.desc.kind]} is provided under that name`,
    );
  });
  return { values, unlinked };
}

function explicitImport(given: unknown, imp: Import, type: FuncType | undefined): ExternalValue {
  if (
    given instanceof FunctionInstance ||
    given instanceof MemoryInstance ||
    given instanceof TableInstance ||
    given instanceof GlobalInstance
  ) {
    return given;
  }
  if (typeof given === "function" && type !== undefined) {
    const fn = given as (...args: Value[]) => unknown;
    return createHostFunction(
      type,
      (args) => {
        const result = fn(...args);
        if (type.results.length === 0) return [];
        return type.results.length === 1 ? [result as Value] : (result as Value[]);
      },
      `${imp.module}.${imp.name}`,
    );
  }
  throw new LinkError("incompatible import type", `${imp.module}.${imp.name}: the value given is not usable`);
}

function nativeImport(
  native: ReturnType<NativeRegistry<ExecEnv>["resolve"]>,
  owner: ModuleInstance,
  imp: Import,
  type: FuncType,
) {
  const name = `${imp.module}.${imp.name}`;
  if (native === undefined) {
    return createRawHostFunction(
      type,
      () => {
        owner.setException(`failed to call unlinked import function (${imp.module}, ${imp.name})`);
        throw new ExceptionRaised();
      },
      name,
    );
  }
  const call = bindNative(native, checkNativeLink(native, imp.module, imp.name, type));
  return createRawHostFunction(
    type,
    (stack, base) => {
      call(owner.envFor(stack), stack, base);
      if (owner.hasException) throw new ExceptionRaised();
    },
    name,
  );
}
