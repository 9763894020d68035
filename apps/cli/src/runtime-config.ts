import * as z from "zod/mini";

/**
 * A custom runtime's configuration (`microwasm build-runtime --config FILE`), WAMR's build menu
 * for microwasm: which engine tiers, which APIs and extensions go in, and the limits it applies.
 * Everything left out is left out of the built script.
 */
export interface RuntimeConfig {
  /** The engine tiers: "interpreter" (always there), "aot" (the ahead-of-time tier, falling back to it). */
  readonly engine: { readonly tiers: readonly ("interpreter" | "aot")[] };
  /** The standard WebAssembly JS API (`microwasm.WebAssembly`, installed where the engine has none). */
  readonly webassembly: boolean;
  /** The embedding API (`microwasm.Runtime`, `createRuntime()`, WAMR's model); it links WASI itself. */
  readonly embedding: boolean;
  /** WASI preview1 over in-memory filesystems (`microwasm.WASI`, `MemoryFileSystem`). */
  readonly wasi: boolean;
  /** WAMR's builtin libc natives, registered on each `createRuntime()`. */
  readonly libcBuiltin: boolean;
  /** WAMR's app framework (`microwasm.AppManager`). */
  readonly appFramework: boolean;
  /** The sensor extension (`microwasm.sensorExtension`, `simulatedSensors`). */
  readonly sensors: boolean;
  /** Applied by `createRuntime()` and `instantiate()` (the embedding API). */
  readonly limits: {
    /** Deepest wasm call nesting. */
    readonly maxCallDepth?: number;
    /** All module allocations draw from this many bytes (a pool allocator). */
    readonly poolSize?: number;
    /** Bytes of each instance's execution stack. */
    readonly stackSize?: number;
    /** Bytes of app heap for modules without their own allocator. */
    readonly heapSize?: number;
    /** Wall-clock budget of each instance. */
    readonly timeoutMs?: number;
  };
  /** The global the script defines (default "microwasm"). */
  readonly globalName: string;
  /** Minify the script (default true). */
  readonly minify: boolean;
  /**
   * The JavaScript the script is written in: "es2020" (default), or "es5" for engines without
   * `class` and the syntax after it (Hermes 0.12, older React Native), lowered by SWC.
   */
  readonly target: "es2020" | "es5";
}

/** A configuration file that does not follow the schema: says where and why. */
export class RuntimeConfigError extends Error {
  override name = "RuntimeConfigError";
}

const size = z.int().check(z.positive(), z.maximum(0xffffffff));
const schema = z.strictObject({
  engine: z._default(
    z.strictObject({
      tiers: z.array(z.enum(["interpreter", "aot"])).check(
        z.minLength(1),
        z.refine((tiers) => tiers.includes("interpreter"), "the interpreter is always a tier (the fallback)"),
      ),
    }),
    { tiers: ["interpreter"] },
  ),
  webassembly: z._default(z.boolean(), true),
  embedding: z._default(z.boolean(), false),
  wasi: z._default(z.boolean(), true),
  libcBuiltin: z._default(z.boolean(), false),
  appFramework: z._default(z.boolean(), false),
  sensors: z._default(z.boolean(), false),
  limits: z._default(
    z.strictObject({
      maxCallDepth: z.optional(size),
      poolSize: z.optional(size),
      stackSize: z.optional(size),
      heapSize: z.optional(z.int().check(z.nonnegative(), z.maximum(0xffffffff))),
      timeoutMs: z.optional(z.number().check(z.positive())),
    }),
    {},
  ),
  globalName: z._default(
    z.string().check(z.regex(/^[A-Za-z_$][\w$]*$/, "a JavaScript identifier")),
    "microwasm",
  ),
  minify: z._default(z.boolean(), true),
  target: z._default(z.enum(["es2020", "es5"]), "es2020"),
});

/** The rules between fields, each with the fix it asks for. */
function crossFieldProblem(config: RuntimeConfig): string | null {
  if (config.sensors && !config.appFramework) return "sensors: the sensor extension needs appFramework: true";
  if (config.appFramework && !config.embedding)
    return "appFramework: the app framework needs embedding: true";
  if (config.libcBuiltin && !config.embedding) return "libcBuiltin: its natives need embedding: true";
  if (config.embedding && !config.wasi) return "wasi: the embedding API links WASI itself; set wasi: true";
  if (!config.webassembly && !config.embedding)
    return "webassembly: a runtime needs webassembly or embedding";
  if (!config.embedding && Object.keys(config.limits).length > 0)
    return "limits: they apply to the embedding API; set embedding: true";
  return null;
}

/** Checks a parsed JSON configuration and fills in the defaults. Throws `RuntimeConfigError`. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new RuntimeConfigError(`${where}${issue.message}`);
  }
  const config = result.data as RuntimeConfig;
  const problem = crossFieldProblem(config);
  if (problem !== null) throw new RuntimeConfigError(problem);
  return config;
}
