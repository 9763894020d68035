import { type Features, type Module, wasm3Features } from "@microwasm/core";
import { type CompiledModule, compileModule } from "@microwasm/interpreter";
import { parseModule } from "@microwasm/parser";
import { type ValidatedModule, validateModule } from "@microwasm/validator";

/** What the pipeline is asked for: the features it accepts (default WebAssembly 3.0 with threads). */
export interface PipelineOptions {
  readonly features?: Features;
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
  return compileModule(validateModule(module, features));
}
