import { ExternalKind } from "@microwasm/core";
import {
  type CompiledFunction,
  type CompiledModule,
  callDepth,
  callOnStack,
  checkTerminate,
  createInterpretedFunction,
  createTierFunction,
  type ExecStack,
  type FunctionInstance,
  type InstanceContext,
  isMetered,
} from "@microwasm/interpreter";
import { functionSource, type ModuleShape } from "./function-source.js";
import { cellsEntry, helpers } from "./helpers.js";
import { createInstanceEnv, type InstanceEnv } from "./instance-env.js";
import { isTranslatable } from "./translatable.js";

type Entry = (...args: never[]) => unknown;
type RawEntry = (stack: ExecStack, base: number) => void;
/**
 * A compiled function's factory: `(I, H, unmetered) => [entry, raw]` (see `functionSource`).
 * One made on first call holds the variant it was made for; a precompiled one holds both and
 * returns the one `unmetered` asks for.
 */
export type FunctionFactorySource = (
  env: InstanceEnv,
  h: typeof helpers,
  unmetered: boolean,
) => [Entry, RawEntry];

/** One variant's entries of an instance's functions, by function index. */
interface Entries {
  readonly entries: Entry[];
  readonly raws: (RawEntry | undefined)[];
}

/** Per instance: the entries of both variants, and the env built on the first call. */
interface InstanceState {
  readonly metered: Entries;
  readonly unmetered: Entries;
  env: InstanceEnv | undefined;
}

/**
 * Turns a compiled module into one whose functions run in the AOT tier: each defined function
 * is translated to JavaScript on its first call (so loading costs what it costs the
 * interpreter), then called directly by compiled callers. Functions the translator does not
 * handle (nested too deep, later proposals) run in the interpreter, over the same store.
 * `factories`, when given, supply the translated code (an ahead-of-time compiled module)
 * instead of `new Function`.
 *
 * Every function has two variants, each translated when first called: the metered one spends
 * fuel at loop back-edges and calls, for a stack with an instruction limit or a timeout
 * (`ExecStack.metered`); the unmetered one, for every other stack, only checks for a
 * terminate request where one can appear (after calls that may reach the host, and at entry).
 * The host's call picks the variant; calls stay within it.
 */
export function withAotTier(
  compiled: CompiledModule,
  factories?: readonly (FunctionFactorySource | null)[],
): CompiledModule {
  const shape = moduleShape(compiled);
  const { importedFunctions } = shape;
  // Per variant (0 metered, 1 unmetered): a precompiled factory serves both.
  const made: (FunctionFactorySource | null | undefined)[][] = factories
    ? [[...factories], [...factories]]
    : [[], []];
  const factoryOf = (i: number, unmetered: boolean): FunctionFactorySource | null => {
    const cache = made[unmetered ? 1 : 0]!;
    let factory = cache[i];
    if (factory === undefined) {
      factory = translateFunction(compiled, i, shape, !unmetered);
      cache[i] = factory;
    }
    return factory;
  };
  const states = new WeakMap<InstanceContext, InstanceState>();

  const functionFactory = (fn: CompiledFunction, ctx: InstanceContext): FunctionInstance => {
    let state = states.get(ctx);
    if (state === undefined) {
      state = {
        metered: { entries: [], raws: [] },
        unmetered: { entries: [], raws: [] },
        env: undefined,
      };
      states.set(ctx, state);
    }
    const st = state;
    const index = fn.funcIndex;
    let instance: FunctionInstance;
    // The interpreter's function for this body, made when a variant is not translated.
    let interpreted: FunctionInstance | undefined;
    const ensure = (unmetered: boolean): Entries => {
      const variant = unmetered ? st.unmetered : st.metered;
      const factory = factoryOf(index - importedFunctions, unmetered);
      let entry: Entry | null = null;
      if (factory === null) {
        interpreted ??= createInterpretedFunction(fn, ctx);
        const fallback = interpreted;
        variant.raws[index] = (stack, base) => callOnStack(stack, fallback, base, 0, callDepth(stack));
        variant.entries[index] = cellsEntry(fallback, unmetered) as Entry;
      } else {
        st.env ??= createInstanceEnv(ctx, st.metered.entries, st.unmetered.entries);
        const [compiledEntry, raw] = factory(st.env, helpers, unmetered);
        entry = compiledEntry;
        variant.entries[index] = entry;
        variant.raws[index] = raw;
      }
      if (unmetered) instance.unmeteredEntry = entry;
      else instance.tierEntry = entry;
      return variant;
    };
    const stubFor = (unmetered: boolean): Entry =>
      ((...args: never[]) =>
        (ensure(unmetered).entries[index] as (...a: never[]) => unknown)(...args)) as Entry;
    const meteredStub = stubFor(false);
    const unmeteredStub = stubFor(true);
    st.metered.entries[index] = meteredStub;
    st.unmetered.entries[index] = unmeteredStub;
    const rawStub: RawEntry = (stack, base) => {
      const unmetered = !isMetered(stack);
      const variant = unmetered ? st.unmetered : st.metered;
      // A terminate request made before this entry (by the host function that calls it).
      if (unmetered) checkTerminate(stack);
      const raw = variant.raws[index] ?? ensure(unmetered).raws[index]!;
      raw(stack, base);
    };
    instance = createTierFunction(fn, ctx, rawStub, meteredStub, unmeteredStub);
    return instance;
  };
  return { ...compiled, functionFactory };
}

/** What translating the functions of `compiled` needs to know about it. */
function moduleShape(compiled: CompiledModule): ModuleShape {
  const { validated, module } = compiled;
  const importedFunctions = validated.funcTypes.length - validated.functions.length;
  const importedMemory0 = module.imports.find((i) => i.desc.kind === ExternalKind.memory);
  const memory0 =
    importedMemory0?.desc.kind === ExternalKind.memory ? importedMemory0.desc.type : module.memories[0];
  return {
    types: module.types,
    funcTypes: validated.funcTypes,
    importedFunctions,
    globals: validated.globalTypes,
    compiled: () => true,
    frameCells: (index) =>
      index < importedFunctions ? 0 : compiled.functions[index - importedFunctions]!.frameSlots * 4,
    operandBaseCells: (index) =>
      index < importedFunctions ? 0 : compiled.functions[index - importedFunctions]!.operandBase * 4,
    memory0Is64: memory0?.is64 === true,
  };
}

/**
 * The JavaScript of every defined function of `compiled`, as the source of an array literal of
 * factories (null for those the interpreter runs): what `withAotTier` takes as `factories`
 * once evaluated, e.g. as an export of an ES module (`microwasm compile`), so that a host
 * without `eval` runs the AOT tier.
 */
export function precompiledSource(compiled: CompiledModule): string {
  const shape = moduleShape(compiled);
  const entries = compiled.validated.functions.map((fn) =>
    isTranslatable(fn, shape)
      ? `function (I, H, U) {\nif (U) {\n${functionSource(fn, shape, false)}\n}\n${functionSource(fn, shape, true)}\n}`
      : "null",
  );
  return `[\n${entries.join(",\n")}\n]`;
}

/**
 * The factory for defined function `i`, or null when the interpreter runs it: also when V8
 * cannot parse its source where this runs (a RangeError: too deep for what is left of the
 * stack), so a JS error never escapes from translation.
 */
function translateFunction(
  compiled: CompiledModule,
  i: number,
  shape: ModuleShape,
  metered: boolean,
): FunctionFactorySource | null {
  const fn = compiled.validated.functions[i]!;
  return isTranslatable(fn, shape) ? evaluate(functionSource(fn, shape, metered)) : null;
}

function evaluate(source: string): FunctionFactorySource | null {
  try {
    return new Function("I", "H", source) as FunctionFactorySource;
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** What translating every function of a module took (`translateAll`). */
export interface Translation {
  /** Per defined function: its factory, or null when the interpreter runs it. */
  readonly factories: readonly (FunctionFactorySource | null)[];
  /** Characters of JavaScript generated. */
  readonly sourceChars: number;
}

/**
 * Translates every defined function of `compiled` as its first call on a stack without limits
 * would (the unmetered variant: JavaScript, then `new Function`): what a module that runs all
 * its code pays, for measurements and tools.
 */
export function translateAll(compiled: CompiledModule): Translation {
  const shape = moduleShape(compiled);
  let sourceChars = 0;
  const factories = compiled.validated.functions.map((fn) => {
    if (!isTranslatable(fn, shape)) return null;
    const source = functionSource(fn, shape, false);
    sourceChars += source.length;
    return evaluate(source);
  });
  return { factories, sourceChars };
}
