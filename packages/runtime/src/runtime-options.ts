import type { NativeSymbol } from "@microwasm/native";
import { z } from "zod";
import { RuntimeOptionsError } from "./errors.js";
import type { ExecEnv } from "./exec-env.js";

export interface RuntimeOptions {
  /** `"system"` (default): no cap. `"pool"`: every allocation for modules draws from `poolSize` bytes. */
  readonly allocator?: "system" | "pool";
  readonly poolSize?: number;
  /** Natives to register at init (WAMR's `native_module_name`, default "env", and `native_symbols`). */
  readonly nativeModuleName?: string;
  readonly nativeSymbols?: readonly NativeSymbol<ExecEnv>[];
  /** Deepest wasm call nesting on any exec env (default 20,000; a small stack lowers it). */
  readonly maxCallDepth?: number;
  /** Only the interpreter exists. */
  readonly runningMode?: "interpreter";
}

const runtimeOptionsSchema = z
  .object({
    allocator: z.enum(["system", "pool"]).optional(),
    poolSize: z.number().int().nonnegative().optional(),
    nativeModuleName: z.string().min(1).optional(),
    nativeSymbols: z.array(z.unknown()).optional(),
    maxCallDepth: z.number().int().positive().optional(),
    runningMode: z.literal("interpreter").optional(),
  })
  .refine((o) => o.allocator !== "pool" || o.poolSize !== undefined, {
    message: "a pool allocator needs poolSize",
    path: ["poolSize"],
  });

export interface InstantiateOptions {
  /** Bytes of the instance's execution stack (default 64 KiB). */
  readonly stackSize?: number;
  /** Bytes of the app heap appended to the memory when the module has no allocator (default 0). */
  readonly heapSize?: number;
  /**
   * Imports by module and field name, taking precedence over registered modules and natives:
   * store objects (`FunctionInstance`, `MemoryInstance`, ...) or plain JS functions (called
   * with and returning boundary values).
   */
  readonly imports?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const size = z.number().int().nonnegative().max(0xffffffff);
const instantiateOptionsSchema = z.object({
  stackSize: size.optional(),
  heapSize: size.optional(),
  imports: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
});

/** WASI settings for a module, given before it is instantiated (WAMR's `wasm_runtime_set_wasi_args`). */
export interface WasiArgs {
  /** Host directories the app may open, preopened under their own names. */
  readonly dirs?: readonly string[];
  /** `guest::host` mappings (WAMR's `map_dir_list`). */
  readonly mapDirs?: readonly string[];
  /** `NAME=value` strings. */
  readonly env?: readonly string[];
  /** argv, program name first. */
  readonly args?: readonly string[];
}

const wasiArgsSchema = z.object({
  dirs: z.array(z.string()).optional(),
  mapDirs: z.array(z.string().regex(/^[^:]+::.+$/, "a mapped dir is guest::host")).optional(),
  env: z.array(z.string().regex(/^[^=]+=/, "an env entry is NAME=value")).optional(),
  args: z.array(z.string()).optional(),
});

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new RuntimeOptionsError(`bad ${what}: ${where}${issue.message}`);
}

export const checkRuntimeOptions = (o: unknown) => check(runtimeOptionsSchema, o, "runtime options");
export const checkInstantiateOptions = (o: unknown) =>
  check(instantiateOptionsSchema, o, "instantiate options");
export const checkWasiArgs = (o: unknown) => check(wasiArgsSchema, o, "WASI args");
