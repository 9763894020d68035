/**
 * @microwasm/aot: the ahead-of-time tier. Validated WebAssembly functions become JavaScript
 * that V8 (or any JIT) compiles, with the interpreter's exact semantics, over the same store.
 *
 * - `withAotTier(compiled)` → `CompiledModule`: the interpreter's compiled module with a
 *   function factory that runs each defined function as JavaScript, translated on its first
 *   call (`new Function`), SIMD included. Instances link with
 *   interpreted ones both ways (functions, memories, tables, globals are the store's objects).
 *   Traps throw the interpreter's `RuntimeError`s; a JS stack overflow becomes "call stack
 *   exhausted"; fuel, timeouts and terminate requests are checked at loop back-edges and calls.
 * - `precompiledSource(compiled)` → the source of an array of every function's factory, to
 *   be evaluated without `eval` (an ES module's export) and given to `withAotTier` as `factories`.
 * - `translateAll(compiled)` → every function translated at once, as first calls would (the
 *   factories and the size of the JavaScript): for measurements and tools.
 * - `canGenerateCode()` → whether `new Function` works here (CSP and some hosts forbid it).
 * - `aotTier`: `withAotTier`, `precompiledSource` and `canGenerateCode` as one value, what the pipeline (`@microwasm/engine`), the
 *   runtime and `createWebAssembly` take as their `aot` option.
 * - `functionSource(fn, shape)` → the JavaScript of one function (for tools and tests).
 */
export {
  type FunctionFactorySource,
  precompiledSource,
  type Translation,
  translateAll,
  withAotTier,
} from "./aot-module.js";
export { aotTier } from "./aot-tier.js";
export { canGenerateCode } from "./code-generation.js";
export { functionSource, type ModuleShape } from "./function-source.js";
