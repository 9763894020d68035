import type { Features } from "@microwasm/core";
import type { AotTier } from "@microwasm/engine";
import type { FileSystem, InputStream, OutputStream, Socket } from "@microwasm/libc-wasi/portable";
import type { NativeSymbol } from "@microwasm/native";
import * as z from "zod/mini";
import { RuntimeOptionsError } from "./errors.js";
import type { ExecEnv } from "./exec-env.js";
import type { RuntimeHost } from "./runtime-host.js";

export interface RuntimeOptions {
  /** `"system"` (default): no cap. `"pool"`: every allocation for modules draws from `poolSize` bytes. */
  readonly allocator?: "system" | "pool";
  readonly poolSize?: number;
  /** Natives to register at init (WAMR's `native_module_name`, default "env", and `native_symbols`). */
  readonly nativeModuleName?: string;
  readonly nativeSymbols?: readonly NativeSymbol<ExecEnv>[];
  /** Deepest wasm call nesting on any exec env (default: none but the exec env's stack size, as in WAMR). */
  readonly maxCallDepth?: number;
  /** Only the interpreter exists. */
  readonly runningMode?: "interpreter";
  /**
   * The tier that runs modules: "interpreter" (default), "aot" (JavaScript generated per
   * function on its first call, `@microwasm/aot`), or "auto" (AOT where the host allows code
   * generation from strings, else the interpreter). Instances of either tier link to each other.
   */
  readonly engine?: "interpreter" | "aot" | "auto";
  /**
   * The AOT tier (`aotTier`, exported here and by `@microwasm/aot`), which "aot", "auto" and
   * precompiled modules need: the runtime does not carry it unless given, so that a bundle of an
   * interpreter-only runtime has none of its code. Without it, "auto" is the interpreter.
   */
  readonly aot?: AotTier;
  /** The WebAssembly features modules may use (default: WebAssembly 3.0 with threads). */
  readonly features?: Features;
  /**
   * What the runtime reaches of its host: how it makes an instance's WASI. The default is
   * portable (in-memory filesystems and stream objects only); `nodeHost` from
   * `@microwasm/runtime/node` reaches host directories and the process's stdio.
   */
  readonly host?: RuntimeHost;
}

const runtimeOptionsSchema = z
  .object({
    allocator: z.optional(z.enum(["system", "pool"])),
    poolSize: z.optional(z.int().check(z.nonnegative())),
    nativeModuleName: z.optional(z.string().check(z.minLength(1))),
    nativeSymbols: z.optional(z.array(z.unknown())),
    maxCallDepth: z.optional(z.int().check(z.positive())),
    runningMode: z.optional(z.literal("interpreter")),
    engine: z.optional(z.enum(["interpreter", "aot", "auto"])),
    aot: z.optional(
      z.custom<AotTier>(
        (v) => typeof (v as AotTier | null)?.attach === "function",
        "the AOT tier is `aotTier` from @microwasm/aot",
      ),
    ),
    features: z.optional(z.record(z.string(), z.boolean())),
    host: z.optional(
      z.custom<RuntimeHost>(
        (v) => typeof (v as RuntimeHost | null)?.createWasi === "function",
        "a host has createWasi(options)",
      ),
    ),
  })
  .check(
    z.refine((o) => o.allocator !== "pool" || o.poolSize !== undefined, {
      message: "a pool allocator needs poolSize",
      path: ["poolSize"],
    }),
  );

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
  /**
   * Wall-clock budget in milliseconds for all that runs on the instance's own exec env, from
   * instantiation on: the start function, `call` without an env, `executeMain`,
   * `executeFunction`, and a WASI sleep in any of them. Past it: "execution timed out".
   */
  readonly timeoutMs?: number;
}

const size = z.int().check(z.nonnegative(), z.maximum(0xffffffff));
const instantiateOptionsSchema = z.object({
  stackSize: z.optional(size),
  heapSize: z.optional(size),
  imports: z.optional(z.record(z.string(), z.record(z.string(), z.unknown()))),
  timeoutMs: z.optional(z.number().check(z.nonnegative())),
});

/** WASI settings for a module, given before it is instantiated (WAMR's `wasm_runtime_set_wasi_args`). */
export interface WasiArgs {
  /** Host directories the app may open, preopened under their own names (needs a host that has them). */
  readonly dirs?: readonly string[];
  /** `guest::host` mappings (WAMR's `map_dir_list`). */
  readonly mapDirs?: readonly string[];
  /** Filesystems of the embedder's (e.g. `MemoryFileSystem`), preopened under a guest path, after the dirs. */
  readonly preopens?: Readonly<Record<string, FileSystem>>;
  /** `NAME=value` strings. */
  readonly env?: readonly string[];
  /** argv, program name first. */
  readonly args?: readonly string[];
  /**
   * Preopened sockets, numbered after the directories (wasmtime's `--tcplisten`): e.g. the
   * listening sockets of `listenTcp` from `@microwasm/libc-wasi` on Node.
   */
  readonly sockets?: readonly Socket[];
  /** The guest's stdio as stream objects (default: the host's own, or none on a portable host). */
  readonly stdin?: InputStream;
  readonly stdout?: OutputStream;
  readonly stderr?: OutputStream;
}

const wasiArgsSchema = z.object({
  dirs: z.optional(z.array(z.string())),
  mapDirs: z.optional(z.array(z.string().check(z.regex(/^[^:]+::.+$/, "a mapped dir is guest::host")))),
  preopens: z.optional(z.record(z.string(), z.unknown())),
  env: z.optional(z.array(z.string().check(z.regex(/^[^=]+=/, "an env entry is NAME=value")))),
  args: z.optional(z.array(z.string())),
  sockets: z.optional(z.array(z.unknown())),
  stdin: z.optional(z.unknown()),
  stdout: z.optional(z.unknown()),
  stderr: z.optional(z.unknown()),
});

function check<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  throw new RuntimeOptionsError(`bad ${what}: ${where}${issue.message}`);
}

export const checkRuntimeOptions = (o: unknown) =>
  check(runtimeOptionsSchema, o, "runtime options") as RuntimeOptions;
export const checkInstantiateOptions = (o: unknown) =>
  check(instantiateOptionsSchema, o, "instantiate options") as InstantiateOptions;
export const checkWasiArgs = (o: unknown) => check(wasiArgsSchema, o, "WASI args") as WasiArgs;
