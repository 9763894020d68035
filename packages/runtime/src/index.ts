/**
 * @microwasm/runtime: the embedding API, idiomatic face (WAMR's names: `@microwasm/runtime/wamr`).
 *
 * - `new Runtime({ allocator, poolSize, nativeModuleName, nativeSymbols, maxCallDepth })`:
 *   throws `RuntimeOptionsError` / `NativeSymbolError`. `registerNatives`, `registerNativesRaw`,
 *   `unregisterNatives`, `registerModule(name, module)`, `destroy()`.
 * - `runtime.load(bytes)` → `LoadedModule`: throws `CompileError` or `ResourceError`.
 * - `module.instantiate({ stackSize, heapSize, imports })` → `ModuleInstance`: throws `LinkError`,
 *   `ResourceError`, or `WasmException` (the start function's exception). `setWasiArgs` (WASI for
 *   modules importing `wasi_snapshot_preview1`), `unload`.
 * - `instance.lookupFunction(name, signature?)` → `WasmFunction | undefined`; `call(fn, args, env?)`
 *   throws `WasmException` ("Exception: ..."), which stays readable with `getException()` until
 *   `clearException()` or the next call from the host; `createExecEnv(stackSize)` (`ResourceError`);
 *   `moduleMalloc`/`moduleFree`/`moduleRealloc`/`moduleDupData` (0 on failure),
 *   `validateAppAddr`/`validateAppStrAddr` (false + exception), `addrAppToNative`/`addrNativeToApp`,
 *   `customData`, `terminate()`, `deinstantiate()`; `executeMain(argv?)` → exit code (`_start` or
 *   `main`), `wasiExitCode` (proc_exit's code).
 * - `ExecEnv`: `call`, `callWasm(fn, argc, argv)` (WAMR's cells; false on failure),
 *   `setInstructionCountLimit(n)`, `setTimeout(ms)` (per call from the host), `destroy()`.
 * Natives get the `ExecEnv` they run in (`env.moduleInstance` is the calling instance).
 * - Tiers: `new Runtime({ engine: "aot" | "auto", aot: aotTier })` runs modules in the AOT tier
 *   (`aotTier` is exported here). The runtime is given the tier rather than importing it, so a
 *   bundle that never passes `aotTier` carries none of its code; without it, "auto" is the
 *   interpreter and "aot" a `RuntimeOptionsError`.
 *
 * The pipeline is assembled here and nowhere else: `compileWasm(bytes, { features })` (bytes →
 * `Module` → `ValidatedModule` → compiled code; `CompileError`), which `Runtime.load` and
 * `@microwasm/webassembly` use; `decodeModule` is its first stage alone. This entry imports
 * nothing from Node: WASI reaches host directories and stdio only through a `RuntimeHost`
 * (`nodeHost` from `@microwasm/runtime/node`).
 */

export type { AppHeap, MemoryPool } from "@microwasm/allocator";
export { aotTier } from "@microwasm/aot";
export {
  type AotTier,
  compileWasm,
  decodeModule,
  type FunctionFactorySource,
  MissingAotTierError,
  type PipelineOptions,
  validateWasm,
} from "@microwasm/engine";
export { ExceptionInstance, type Value } from "@microwasm/interpreter";
export { type NativeSymbol, NativeSymbolError, type RawNativeSymbol } from "@microwasm/native";
export type { DylinkInfo } from "./dylink-section.js";
export { readDylinkInfo } from "./dylink-section.js";
export { ResourceError, RuntimeOptionsError, WasmException } from "./errors.js";
export { ExecEnv } from "./exec-env.js";
export { LoadedModule, type ModuleEntry } from "./loaded-module.js";
export { ModuleInstance } from "./module-instance.js";
export { type ModuleKind, moduleKind } from "./module-kind.js";
export { type LoadOptions, Runtime } from "./runtime.js";
export { type InstanceWasi, portableHost, type RuntimeHost } from "./runtime-host.js";
export type { InstantiateOptions, RuntimeOptions, WasiArgs } from "./runtime-options.js";
export { type SectionInfo, sectionTable } from "./section-table.js";
export { WasmFunction } from "./wasm-function.js";
