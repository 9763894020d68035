import { precompiledSource, withAotTier } from "./aot-module.js";
import { canGenerateCode } from "./code-generation.js";

/**
 * The AOT tier as one value, for the pipeline (`compileWasm(bytes, { engine, aot: aotTier })`,
 * `new Runtime({ engine, aot: aotTier })`, `createWebAssembly({ engine, aot: aotTier })`): the
 * engine takes it as an argument instead of importing it, so runtimes built without it are
 * smaller by the whole tier.
 */
export const aotTier = {
  /**
   * The shape of the code `precompiledSource` writes (2: each factory holds a metered and an
   * unmetered variant). Code of another format is not loaded (`microwasm compile` records it).
   */
  codeFormat: 2,
  canGenerateCode,
  attach: withAotTier,
  precompiledSource,
} as const;
