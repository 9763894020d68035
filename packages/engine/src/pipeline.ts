import { type Features, type Module, wasm3Features } from "@microwasm/core";
import { type CompiledModule, compileModule } from "@microwasm/interpreter";
import { parseModule } from "@microwasm/parser";
import { type ValidatedModule, validateModule } from "@microwasm/validator";
import { type AotTier, type FunctionFactorySource, MissingAotTierError } from "./aot-tier.js";

/**
 * Which tier runs the code: the interpreter, the AOT tier (JavaScript generated per function on
 * its first call), or "auto": the AOT tier where the host allows code generation from strings,
 * else the interpreter.
 */
export type EngineChoice = "interpreter" | "aot" | "auto";

/**
 * The tier a choice means on this host, given the AOT tier if the runtime has it: "auto" is the
 * AOT tier where it is present and the host allows code generation, else the interpreter.
 * Throws `MissingAotTierError` for "aot" without the tier.
 */
export function resolveEngine(engine: EngineChoice, aot: AotTier | undefined): "interpreter" | "aot" {
  if (engine === "interpreter") return "interpreter";
  if (aot === undefined) {
    if (engine === "aot") throw new MissingAotTierError('engine "aot"');
    return "interpreter";
  }
  if (engine === "aot") return "aot";
  let allowed = codeGenerationAllowed.get(aot);
  if (allowed === undefined) {
    allowed = aot.canGenerateCode();
    codeGenerationAllowed.set(aot, allowed);
  }
  return allowed ? "aot" : "interpreter";
}
/** What each tier found out about the host, asked once. */
const codeGenerationAllowed = new WeakMap<AotTier, boolean>();

/** What the pipeline is asked for: the features it accepts (default WebAssembly 3.0 with threads) and the tier. */
export interface PipelineOptions {
  readonly features?: Features;
  /** Default "interpreter" (callers that want the host's best tier pass "auto"). */
  readonly engine?: EngineChoice;
  /** The AOT tier (`aotTier` from `@microwasm/aot`), needed for "aot" and `precompiled`; "auto" without it is the interpreter. */
  readonly aot?: AotTier;
  /**
   * The AOT tier's functions compiled ahead of time (`precompiledSource`, evaluated): then the
   * AOT tier runs them, whatever `engine` says, and generates no code.
   */
  readonly precompiled?: readonly (FunctionFactorySource | null)[];
  /**
   * Called with the decoded module before it is validated and compiled: where a caller that
   * budgets memory (the runtime's pool) charges for the module's structure.
   */
  readonly afterDecode?: (module: Module) => void;
}

/** bytes → `Module`: the binary format alone. Throws `CompileError` (malformed) with the byte offset. */
export function decodeModule(bytes: Uint8Array, features: Features = wasm3Features): Module {
  return parseModule(bytes, features);
}

/** bytes → `ValidatedModule`: decoding and validation without compiling. Throws `CompileError`. */
export function validateWasm(bytes: Uint8Array, features: Features = wasm3Features): ValidatedModule {
  return validateModule(parseModule(bytes, features), features);
}

/**
 * The whole pipeline, in the one place it is assembled: bytes → `Module` (parser) →
 * `ValidatedModule` (validator) → compiled code (the engine). Throws `CompileError` for a
 * malformed or invalid module, with the spec's reason; never fails on a valid one.
 */
export function compileWasm(bytes: Uint8Array, options: PipelineOptions = {}): CompiledModule {
  const features = options.features ?? wasm3Features;
  const module = parseModule(bytes, features);
  options.afterDecode?.(module);
  const compiled = compileModule(validateModule(module, features));
  if (options.precompiled !== undefined) {
    if (options.precompiled.length !== compiled.functions.length) {
      throw new TypeError("the precompiled functions do not belong to this module");
    }
    if (options.aot === undefined) throw new MissingAotTierError("a precompiled module");
    return options.aot.attach(compiled, options.precompiled);
  }
  return resolveEngine(options.engine ?? "interpreter", options.aot) === "aot"
    ? options.aot!.attach(compiled)
    : compiled;
}
