import type { CompiledModule } from "@microwasm/interpreter";

/**
 * A function compiled ahead of time by the AOT tier (`precompiledSource`, evaluated). Opaque to
 * the pipeline, which hands it back to the tier that made it.
 */
export type FunctionFactorySource = (...args: never[]) => unknown;

/**
 * The AOT tier as the pipeline uses it: `aotTier` from `@microwasm/aot`. The pipeline does not
 * import it; whoever assembles a runtime passes it in (`PipelineOptions.aot`), so that a runtime
 * built without it carries none of its code (WAMR's build-time choice of running modes).
 */
export interface AotTier {
  /** Whether the host allows code generation from strings: what "auto" asks. */
  canGenerateCode(): boolean;
  /** The module with its functions run as JavaScript: generated on first call, or `precompiled`. */
  attach(compiled: CompiledModule, precompiled?: readonly (FunctionFactorySource | null)[]): CompiledModule;
  /** The source of every function's factory, to evaluate without `eval` (`microwasm compile`). */
  precompiledSource(compiled: CompiledModule): string;
}

/** Thrown for a choice of the AOT tier where none was given: a configuration error, not a module's. */
export class MissingAotTierError extends TypeError {
  override name = "TypeError";
  constructor(what: string) {
    super(
      `${what} needs the AOT tier, which this runtime was built without (pass \`aot: aotTier\` from @microwasm/aot)`,
    );
  }
}
