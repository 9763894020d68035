import { ValType } from "@microwasm/core";
import type { Value } from "@microwasm/interpreter";
import type { NativeSymbol as IdiomaticNativeSymbol, RawNativeSymbol } from "@microwasm/native";
import type { ExecEnv } from "../exec-env.js";
import { Runtime } from "../runtime.js";
import {
  type ErrorBuf,
  type mem_alloc_info_t,
  type NativeSymbol,
  type RuntimeInitArgs,
  runtimeInitArgsSchema,
  WASM_F32,
  WASM_F64,
  WASM_I32,
  WASM_I64,
  type wasm_exec_env_t,
  type wasm_function_inst_t,
  type wasm_module_inst_t,
  type wasm_module_t,
  type wasm_val_t,
} from "./wamr-types.js";

/**
 * WAMR's embedding API with C's names and argument order. One runtime per process, as in WAMR:
 * `wasm_runtime_init`/`wasm_runtime_full_init` create it, `wasm_runtime_destroy` ends it.
 * Nothing here throws: failures return false/null/0 with the message in `error_buf` or as the
 * instance's exception.
 */

let runtime: Runtime | null = null;
/** The converted arrays of each registered WAMR symbol array, to unregister by the caller's array. */
let registered = new Map<readonly NativeSymbol[], readonly unknown[]>();

function toNatives(symbols: readonly NativeSymbol[], count?: number): IdiomaticNativeSymbol<ExecEnv>[] {
  return symbols.slice(0, count ?? symbols.length).map((s) => ({
    name: s?.symbol,
    fn: s?.func_ptr,
    signature: s?.signature === "" ? null : s?.signature,
    attachment: s?.attachment,
  }));
}

function report(error_buf: ErrorBuf | undefined, prefix: string, error: unknown): void {
  if (error_buf !== undefined)
    error_buf.message = prefix + (error instanceof Error ? error.message : String(error));
}

/** `wasm_runtime_init()`: the system allocator, no natives. */
export function wasm_runtime_init(): boolean {
  return wasm_runtime_full_init({ mem_alloc_type: "System_Allocator" });
}

/** `wasm_runtime_full_init(&init_args)`: false for bad arguments or a bad native symbol. */
export function wasm_runtime_full_init(init_args: RuntimeInitArgs): boolean {
  if (runtime !== null) return false;
  const checked = runtimeInitArgsSchema.safeParse(init_args);
  if (!checked.success) return false;
  const args = checked.data;
  try {
    const pool = args.mem_alloc_type === "Alloc_With_Pool";
    runtime = new Runtime({
      allocator: pool ? "pool" : "system",
      poolSize: pool ? args.mem_alloc_option!.pool!.heap_size : undefined,
      host: init_args.host,
    });
    if (init_args.native_symbols !== undefined) {
      const symbols = toNatives(init_args.native_symbols, init_args.n_native_symbols);
      runtime.registerNatives(init_args.native_module_name ?? "env", symbols);
      registered.set(init_args.native_symbols, symbols);
    }
    return true;
  } catch {
    runtime = null;
    return false;
  }
}

/** `wasm_runtime_destroy()`: unloads everything; the pool is empty again. */
export function wasm_runtime_destroy(): void {
  runtime?.destroy();
  runtime = null;
  registered = new Map();
}

/** `mem_alloc_info_t` of the runtime's pool (WAMR's `wasm_runtime_get_mem_alloc_info`). */
export function wasm_runtime_get_mem_alloc_info(info: mem_alloc_info_t): boolean {
  if (runtime === null) return false;
  const pool = runtime.pool;
  info.total_size = pool.size;
  info.total_free_size = pool.available;
  info.highmark_size = pool.peak;
  return true;
}

export function wasm_runtime_register_natives(
  module_name: string,
  native_symbols: readonly NativeSymbol[],
  n_native_symbols?: number,
): boolean {
  if (runtime === null) return false;
  try {
    const symbols = toNatives(native_symbols, n_native_symbols);
    runtime.registerNatives(module_name, symbols);
    registered.set(native_symbols, symbols);
    return true;
  } catch {
    return false;
  }
}

/** Raw natives: `func_ptr(exec_env, cells, base)` over the interpreter's cells. */
export function wasm_runtime_register_natives_raw(
  module_name: string,
  native_symbols: readonly NativeSymbol[],
  n_native_symbols?: number,
): boolean {
  if (runtime === null) return false;
  try {
    const symbols = toNatives(native_symbols, n_native_symbols) as unknown as RawNativeSymbol<ExecEnv>[];
    runtime.registerNativesRaw(module_name, symbols);
    registered.set(native_symbols, symbols);
    return true;
  } catch {
    return false;
  }
}

export function wasm_runtime_unregister_natives(
  module_name: string,
  native_symbols: readonly NativeSymbol[],
): boolean {
  const symbols = registered.get(native_symbols);
  if (runtime === null || symbols === undefined) return false;
  registered.delete(native_symbols);
  return runtime.unregisterNatives(module_name, symbols);
}

/** `wasm_runtime_load(buf, size, error_buf, error_buf_size)`. */
export function wasm_runtime_load(buf: Uint8Array, error_buf?: ErrorBuf): wasm_module_t | null {
  if (runtime === null) {
    report(error_buf, "WASM module load failed: ", "runtime not initialized");
    return null;
  }
  try {
    return runtime.load(buf);
  } catch (error) {
    report(error_buf, "WASM module load failed: ", error);
    return null;
  }
}

export function wasm_runtime_unload(module: wasm_module_t): void {
  module?.unload();
}

export function wasm_runtime_register_module(
  module_name: string,
  module: wasm_module_t,
  error_buf?: ErrorBuf,
): boolean {
  if (runtime === null) return false;
  try {
    runtime.registerModule(module_name, module);
    return true;
  } catch (error) {
    report(error_buf, "", error);
    return false;
  }
}

/** `wasm_runtime_set_wasi_args(module, dir_list, map_dir_list, env, argv)`: ignored when malformed. */
export function wasm_runtime_set_wasi_args(
  module: wasm_module_t,
  dir_list: readonly string[],
  map_dir_list: readonly string[],
  env: readonly string[],
  argv: readonly string[],
): void {
  try {
    module.setWasiArgs({ dirs: dir_list, mapDirs: map_dir_list, env, args: argv });
  } catch {
    // C's void function has no way to say so; the module keeps its previous WASI settings.
  }
}

export function wasm_runtime_instantiate(
  module: wasm_module_t,
  stack_size: number,
  heap_size: number,
  error_buf?: ErrorBuf,
): wasm_module_inst_t | null {
  try {
    return module.instantiate({ stackSize: stack_size, heapSize: heap_size });
  } catch (error) {
    report(error_buf, "WASM module instantiate failed: ", error);
    return null;
  }
}

/**
 * `wasm_application_execute_main(module_inst, argc, argv)`: runs a WASI command's `_start` or the
 * app's `main`; false with the instance's exception when it traps or has no entry point. A
 * proc_exit is a success; its code is then `wasm_runtime_get_wasi_exit_code`.
 */
export function wasm_application_execute_main(
  module_inst: wasm_module_inst_t,
  argc: number,
  argv: readonly string[],
): boolean {
  try {
    module_inst.executeMain(argv.slice(0, argc));
    return true;
  } catch {
    return false;
  }
}

/** The code the app passed to WASI's proc_exit; 0 when it has not called it. */
export function wasm_runtime_get_wasi_exit_code(module_inst: wasm_module_inst_t): number {
  return module_inst.wasiExitCode;
}

export function wasm_runtime_deinstantiate(module_inst: wasm_module_inst_t): void {
  module_inst?.deinstantiate();
}

export function wasm_runtime_lookup_function(
  module_inst: wasm_module_inst_t,
  name: string,
  signature?: string | null,
): wasm_function_inst_t | null {
  return module_inst?.lookupFunction(name, signature) ?? null;
}

export function wasm_runtime_create_exec_env(
  module_inst: wasm_module_inst_t,
  stack_size: number,
): wasm_exec_env_t | null {
  try {
    return module_inst.createExecEnv(stack_size);
  } catch {
    return null;
  }
}

export function wasm_runtime_destroy_exec_env(exec_env: wasm_exec_env_t): void {
  exec_env?.destroy();
}

export function wasm_runtime_get_module_inst(exec_env: wasm_exec_env_t): wasm_module_inst_t {
  return exec_env.moduleInstance;
}

/**
 * `wasm_runtime_call_wasm(exec_env, func, argc, argv)`: arguments in 32-bit cells (i64/f64 two,
 * little-endian), results written back from `argv[0]`.
 */
export function wasm_runtime_call_wasm(
  exec_env: wasm_exec_env_t,
  func: wasm_function_inst_t,
  argc: number,
  argv: Uint32Array,
): boolean {
  try {
    return exec_env.callWasm(func, argc, argv);
  } catch (error) {
    exec_env?.moduleInstance?.setException(error instanceof Error ? error.message : String(error));
    return false;
  }
}

const kindOf: Record<number, number> = {
  [ValType.i32]: WASM_I32,
  [ValType.i64]: WASM_I64,
  [ValType.f32]: WASM_F32,
  [ValType.f64]: WASM_F64,
};

/** `wasm_runtime_call_wasm_a(exec_env, func, num_results, results, num_args, args)` with `wasm_val_t`s. */
export function wasm_runtime_call_wasm_a(
  exec_env: wasm_exec_env_t,
  func: wasm_function_inst_t,
  num_results: number,
  results: wasm_val_t[],
  num_args: number,
  args: readonly wasm_val_t[],
): boolean {
  const instance = exec_env?.moduleInstance;
  if (instance === undefined || func === null || func === undefined) return false;
  const { params, results: resultTypes } = func.type;
  if (num_args !== params.length || args.length < num_args) {
    instance.setException("the argument value number does not match the function declaration");
    return false;
  }
  if (num_results !== resultTypes.length) {
    instance.setException("the result value number does not match the function declaration");
    return false;
  }
  const values: Value[] = [];
  for (let i = 0; i < params.length; i++) {
    const arg = args[i]!;
    if (arg.kind !== kindOf[params[i]!]) {
      instance.setException(`argument ${i} has the wrong kind`);
      return false;
    }
    values.push(
      arg.kind === WASM_I32
        ? arg.of.i32!
        : arg.kind === WASM_I64
          ? arg.of.i64!
          : arg.kind === WASM_F32
            ? arg.of.f32!
            : arg.of.f64!,
    );
  }
  try {
    const out = exec_env.call(func, values);
    resultTypes.forEach((type, i) => {
      const kind = kindOf[type]!;
      const value = out[i];
      results[i] = {
        kind,
        of:
          kind === WASM_I32
            ? { i32: value as number }
            : kind === WASM_I64
              ? { i64: value as bigint }
              : kind === WASM_F32
                ? { f32: value as number }
                : { f64: value as number },
      };
    });
    return true;
  } catch {
    return false;
  }
}

/** WAMR's "Exception: ..." text, or null. */
export function wasm_runtime_get_exception(module_inst: wasm_module_inst_t): string | null {
  return module_inst?.getException() ?? null;
}

export function wasm_runtime_set_exception(module_inst: wasm_module_inst_t, exception: string | null): void {
  module_inst?.setException(exception);
}

export function wasm_runtime_clear_exception(module_inst: wasm_module_inst_t): void {
  module_inst?.clearException();
}

/** Caps each call from the host on this env at about `instructions_to_execute` instructions; -1: none. */
export function wasm_runtime_set_instruction_count_limit(
  exec_env: wasm_exec_env_t,
  instructions_to_execute: number,
): void {
  exec_env?.setInstructionCountLimit(instructions_to_execute);
}

/** microwasm's addition: a wall-clock cap in milliseconds for each call from the host; -1: none. */
export function wasm_runtime_set_execution_timeout(exec_env: wasm_exec_env_t, timeout_ms: number): void {
  exec_env?.setTimeout(timeout_ms);
}

export function wasm_runtime_terminate(module_inst: wasm_module_inst_t): void {
  module_inst?.terminate();
}

/** `wasm_runtime_module_malloc(inst, size, &p_native_addr)`: `out.native` receives a view of the block. */
export function wasm_runtime_module_malloc(
  module_inst: wasm_module_inst_t,
  size: number,
  out?: { native?: Uint8Array | null },
): number {
  const at = module_inst?.moduleMalloc(size) ?? 0;
  if (out !== undefined) out.native = at === 0 ? null : (module_inst.addrAppToNative(at, size) ?? null);
  return at;
}

export function wasm_runtime_module_free(module_inst: wasm_module_inst_t, ptr: number): void {
  module_inst?.moduleFree(ptr);
}

export function wasm_runtime_module_dup_data(module_inst: wasm_module_inst_t, src: Uint8Array): number {
  return module_inst?.moduleDupData(src) ?? 0;
}

export function wasm_runtime_validate_app_addr(
  module_inst: wasm_module_inst_t,
  app_offset: number,
  size: number,
): boolean {
  return module_inst?.validateAppAddr(app_offset, size) ?? false;
}

export function wasm_runtime_validate_app_str_addr(
  module_inst: wasm_module_inst_t,
  app_str_offset: number,
): boolean {
  return module_inst?.validateAppStrAddr(app_str_offset) ?? false;
}

export function wasm_runtime_validate_native_addr(
  module_inst: wasm_module_inst_t,
  native_ptr: Uint8Array,
  size: number,
): boolean {
  return module_inst?.validateNativeAddr(native_ptr, size) ?? false;
}

/** A view of memory from `app_offset` to the end of memory, or null outside it. */
export function wasm_runtime_addr_app_to_native(
  module_inst: wasm_module_inst_t,
  app_offset: number,
): Uint8Array | null {
  return module_inst?.addrAppToNative(app_offset) ?? null;
}

/** The app offset of a view of the instance's memory; 0 for any other bytes. */
export function wasm_runtime_addr_native_to_app(
  module_inst: wasm_module_inst_t,
  native_ptr: Uint8Array,
): number {
  return module_inst?.addrNativeToApp(native_ptr) ?? 0;
}

export function wasm_runtime_get_function_attachment(exec_env: wasm_exec_env_t): unknown {
  return exec_env?.functionAttachment;
}

export function wasm_runtime_set_user_data(exec_env: wasm_exec_env_t, user_data: unknown): void {
  exec_env.userData = user_data;
}

export function wasm_runtime_get_user_data(exec_env: wasm_exec_env_t): unknown {
  return exec_env?.userData;
}

export function wasm_runtime_set_custom_data(module_inst: wasm_module_inst_t, custom_data: unknown): void {
  module_inst.customData = custom_data;
}

export function wasm_runtime_get_custom_data(module_inst: wasm_module_inst_t): unknown {
  return module_inst?.customData;
}
