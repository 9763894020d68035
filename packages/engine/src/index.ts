/**
 * @microwasm/engine: the one pipeline, shared by the standard JS API (`@microwasm/webassembly`)
 * and the embedding API (`@microwasm/runtime`), so that both accept exactly the same modules.
 *
 * - `compileWasm(bytes, { features })` → `CompiledModule`: parse (malformed → `CompileError`
 *   with the byte offset), validate (invalid → `CompileError` with the spec's reason), compile
 *   to the engine's code (never fails for a valid module). Features default to WebAssembly 3.0;
 *   `engine` picks the tier ("interpreter" by default, "aot", or "auto": AOT where the host
 *   allows code generation), and `aot` gives the AOT tier (`aotTier` from `@microwasm/aot`):
 *   the engine does not import it, so a runtime assembled without it carries none of it.
 *   `resolveEngine(choice, aot)` says which tier a choice means here. `precompiled` runs the
 *   AOT tier on functions compiled ahead of time (`aot.precompiledSource`).
 * - `validateWasm(bytes, features)` → `ValidatedModule`: decoding and validation only (the JS
 *   API's `WebAssembly.validate`, the CLI's `validate`). Throws `CompileError`.
 * - `decodeModule(bytes, features)` → `Module`: the first stage alone (tools that show a
 *   module's contents without running it).
 */
export { type AotTier, type FunctionFactorySource, MissingAotTierError } from "./aot-tier.js";
export {
  compileWasm,
  decodeModule,
  type EngineChoice,
  type PipelineOptions,
  resolveEngine,
  validateWasm,
} from "./pipeline.js";
