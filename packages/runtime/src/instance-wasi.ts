import { type FuncType, type Import, LinkError, valTypeName } from "@microwasm/core";
import { createHostFunction, type FunctionInstance, type Value } from "@microwasm/interpreter";
import { isWasiFunctionType, type WASIOptions } from "@microwasm/libc-wasi/portable";
import type { InstanceWasi, RuntimeHost } from "./runtime-host.js";
import type { WasiArgs } from "./runtime-options.js";

/** The module name WASI preview1's functions are imported from. */
export const WASI_MODULE = "wasi_snapshot_preview1";

/** Whether a module imports any WASI function: then its instances get a WASI of their own. */
export function importsWasi(imports: readonly Import[]): boolean {
  return imports.some((imp) => imp.module === WASI_MODULE);
}

/**
 * A libc-wasi `WASI` for one instance from the module's `setWasiArgs` settings (WAMR's
 * `wasm_runtime_set_wasi_args`), made by the runtime's host: argv, `NAME=value` environment,
 * `dirs` preopened under their own names, `guest::host` mappings, then the embedder's own
 * filesystems. Every guest path stays inside its preopen (libc-wasi resolves paths itself).
 * proc_exit unwinds as `WASIExitError`; `sleep` is how the guest waits on a clock (the
 * instance bounds it by its deadline). Throws `LinkError` when a preopen cannot be opened,
 * as WAMR fails instantiation there.
 */
export function createInstanceWasi(
  host: RuntimeHost,
  settings: WasiArgs | undefined,
  sleep: (ns: bigint) => void,
): InstanceWasi {
  const env: Record<string, string> = {};
  for (const entry of settings?.env ?? []) {
    const equals = entry.indexOf("=");
    env[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  const preopens: NonNullable<WASIOptions["preopens"]> & Record<string, unknown> = {};
  for (const dir of settings?.dirs ?? []) preopens[dir] = dir;
  for (const mapping of settings?.mapDirs ?? []) {
    const [guest, host] = mapping.split("::") as [string, string];
    preopens[guest] = host;
  }
  Object.assign(preopens, settings?.preopens);
  const options: WASIOptions = {
    args: settings?.args ?? [],
    env,
    preopens,
    returnOnExit: true,
    sleep,
    ...(settings?.sockets === undefined ? {} : { sockets: settings.sockets }),
    ...(settings?.stdin === undefined ? {} : { stdin: settings.stdin }),
    ...(settings?.stdout === undefined ? {} : { stdout: settings.stdout }),
    ...(settings?.stderr === undefined ? {} : { stderr: settings.stderr }),
  } as WASIOptions;
  try {
    return host.createWasi(options);
  } catch (error) {
    throw new LinkError("unknown import", `error while pre-opening directory: ${(error as Error).message}`);
  }
}

/**
 * The WASI function for a `wasi_snapshot_preview1` import, or undefined when WASI has none of
 * that name. Its type must be WASI's: else `LinkError` ("incompatible import type").
 */
export function wasiFunction(wasi: InstanceWasi, imp: Import, type: FuncType): FunctionInstance | undefined {
  const fn = (wasi.wasiImport as Record<string, ((...args: Value[]) => number) | undefined>)[imp.name];
  if (fn === undefined) return undefined;
  const name = `${imp.module}.${imp.name}`;
  if (!isWasiFunctionType(imp.name, type.params.map(valTypeName), type.results.map(valTypeName))) {
    throw new LinkError("incompatible import type", `${name} does not have WASI's function type`);
  }
  return createHostFunction(
    type,
    type.results.length === 0
      ? (args) => {
          fn(...args);
          return [];
        }
      : (args) => [fn(...args)],
    name,
  );
}
