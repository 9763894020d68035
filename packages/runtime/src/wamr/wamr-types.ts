import { z } from "zod";
import type { ExecEnv } from "../exec-env.js";
import type { LoadedModule } from "../loaded-module.js";
import type { ModuleInstance } from "../module-instance.js";
import type { RuntimeHost } from "../runtime-host.js";
import type { WasmFunction } from "../wasm-function.js";

/** WAMR's handles: the idiomatic objects themselves. */
export type wasm_module_t = LoadedModule;
export type wasm_module_inst_t = ModuleInstance;
export type wasm_exec_env_t = ExecEnv;
export type wasm_function_inst_t = WasmFunction;

/** C's `char *error_buf`: `message` receives the error text. */
export interface ErrorBuf {
  message: string;
}

/**
 * A native as WAMR declares it. `func_ptr` is called as `(exec_env, ...args)`: a `*` argument
 * arrives as a `Uint8Array` view of app memory from that address (to the `~` length, or to the
 * end of memory), `~` as a number, `$` as a decoded string.
 */
export interface NativeSymbol {
  readonly symbol: string;
  // biome-ignore lint/suspicious/noExplicitAny: natives declare their own parameter types
  readonly func_ptr: (exec_env: ExecEnv, ...args: any[]) => unknown;
  /** WAMR's signature string; null or "" for all-i32. */
  readonly signature: string | null;
  readonly attachment?: unknown;
}

/** `EXPORT_WASM_API_WITH_SIG(fn, sig)`: a native whose symbol is the function's own name. */
export function EXPORT_WASM_API_WITH_SIG(
  func_ptr: NativeSymbol["func_ptr"],
  signature: string | null,
): NativeSymbol {
  return { symbol: func_ptr.name, func_ptr, signature };
}

export type mem_alloc_type_t = "Alloc_With_Pool" | "System_Allocator";

/** C's `RuntimeInitArgs`, field for field. */
export interface RuntimeInitArgs {
  mem_alloc_type?: mem_alloc_type_t;
  mem_alloc_option?: { pool?: { heap_buf?: Uint8Array; heap_size: number } };
  native_module_name?: string;
  native_symbols?: readonly NativeSymbol[];
  n_native_symbols?: number;
  max_thread_num?: number;
  running_mode?: "Mode_Interp";
  /**
   * microwasm's addition: what the runtime reaches of its host (WASI's host directories and
   * stdio). Default portable; `nodeHost` from `@microwasm/runtime/node` on Node.
   */
  host?: RuntimeHost;
}

export const runtimeInitArgsSchema = z
  .object({
    mem_alloc_type: z.enum(["Alloc_With_Pool", "System_Allocator"]).optional(),
    mem_alloc_option: z
      .object({
        pool: z
          .object({
            heap_buf: z.instanceof(Uint8Array).optional(),
            heap_size: z.number().int().nonnegative(),
          })
          .optional(),
      })
      .optional(),
    native_module_name: z.string().optional(),
    native_symbols: z.array(z.unknown()).optional(),
    n_native_symbols: z.number().int().nonnegative().optional(),
    max_thread_num: z.number().int().nonnegative().optional(),
    running_mode: z.literal("Mode_Interp").optional(),
    host: z.unknown().optional(),
  })
  .refine((a) => a.mem_alloc_type !== "Alloc_With_Pool" || a.mem_alloc_option?.pool !== undefined, {
    message: "Alloc_With_Pool needs mem_alloc_option.pool",
  })
  .refine(
    (a) =>
      a.mem_alloc_option?.pool?.heap_buf === undefined ||
      a.mem_alloc_option.pool.heap_size <= a.mem_alloc_option.pool.heap_buf.length,
    { message: "heap_size is larger than heap_buf" },
  );

/** `wasm_valkind_t` */
export const WASM_I32 = 0;
export const WASM_I64 = 1;
export const WASM_F32 = 2;
export const WASM_F64 = 3;
export const WASM_V128 = 4;
export const WASM_EXTERNREF = 128;
export const WASM_FUNCREF = 129;

/** `wasm_val_t`: a kind and the value in the matching field of `of`. */
export interface wasm_val_t {
  kind: number;
  of: { i32?: number; i64?: bigint; f32?: number; f64?: number };
}

/** `mem_alloc_info_t` */
export interface mem_alloc_info_t {
  total_size: number;
  total_free_size: number;
  highmark_size: number;
}
