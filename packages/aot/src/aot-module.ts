import { ExternalKind } from "@microwasm/core";
import {
  type CompiledFunction,
  type CompiledModule,
  callDepth,
  callOnStack,
  createInterpretedFunction,
  createTierFunction,
  type ExecStack,
  type FunctionInstance,
  type InstanceContext,
} from "@microwasm/interpreter";
import { functionSource, type ModuleShape } from "./function-source.js";
import { callCells, helpers } from "./helpers.js";
import { createInstanceEnv, type InstanceEnv } from "./instance-env.js";
import { isTranslatable } from "./translatable.js";

type Entry = (...args: never[]) => unknown;
type RawEntry = (stack: ExecStack, base: number) => void;
/** A compiled function's factory: `(I, H) => [entry, raw]` (see `functionSource`). */
export type FunctionFactorySource = (env: InstanceEnv, h: typeof helpers) => [Entry, RawEntry];

/** Per instance: the entries of its functions, and the env built on the first call. */
interface InstanceState {
  readonly entries: Entry[];
  readonly raws: (RawEntry | undefined)[];
  env: InstanceEnv | undefined;
}

/**
 * Turns a compiled module into one whose functions run in the AOT tier: each defined function
 * is translated to JavaScript on its first call (so loading costs what it costs the
 * interpreter), then called directly by compiled callers. Functions the translator does not
 * handle (nested too deep, later proposals) run in the interpreter, over the same store.
 * `factories`, when given, supply the translated code (an ahead-of-time compiled module)
 * instead of `new Function`.
 */
export function withAotTier(
  compiled: CompiledModule,
  factories?: readonly (FunctionFactorySource | null)[],
): CompiledModule {
  const shape = moduleShape(compiled);
  const { importedFunctions } = shape;
  const made: (FunctionFactorySource | null | undefined)[] = factories ? [...factories] : [];
  const factoryOf = (i: number): FunctionFactorySource | null => {
    let factory = made[i];
    if (factory === undefined) {
      factory = translateFunction(compiled, i, shape);
      made[i] = factory;
    }
    return factory;
  };
  const states = new WeakMap<InstanceContext, InstanceState>();

  const functionFactory = (fn: CompiledFunction, ctx: InstanceContext): FunctionInstance => {
    let state = states.get(ctx);
    if (state === undefined) {
      state = { entries: [], raws: [], env: undefined };
      states.set(ctx, state);
    }
    const st = state;
    const index = fn.funcIndex;
    let instance: FunctionInstance;
    const ensure = (): Entry => {
      const factory = factoryOf(index - importedFunctions);
      if (factory === null) {
        const interpreted = createInterpretedFunction(fn, ctx);
        st.raws[index] = (stack, base) => callOnStack(stack, interpreted, base, 0, callDepth(stack));
        st.entries[index] = ((stack: ExecStack, depth: number, cells: number, ...args: unknown[]) =>
          callCells(stack, depth, cells, interpreted, args)) as Entry;
        instance.tierEntry = null;
      } else {
        st.env ??= createInstanceEnv(ctx, st.entries);
        const [entry, raw] = factory(st.env, helpers);
        st.entries[index] = entry;
        st.raws[index] = raw;
        instance.tierEntry = entry;
      }
      return st.entries[index]!;
    };
    const entryStub = ((...args: never[]) => (ensure() as (...a: never[]) => unknown)(...args)) as Entry;
    st.entries[index] = entryStub;
    const rawStub: RawEntry = (stack, base) => {
      let raw = st.raws[index];
      if (raw === undefined) {
        ensure();
        raw = st.raws[index]!;
      }
      raw(stack, base);
    };
    instance = createTierFunction(fn, ctx, rawStub, entryStub);
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
    isTranslatable(fn, shape) ? `function (I, H) {\n${functionSource(fn, shape)}\n}` : "null",
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
): FunctionFactorySource | null {
  const fn = compiled.validated.functions[i]!;
  return isTranslatable(fn, shape) ? evaluate(functionSource(fn, shape)) : null;
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
 * Translates every defined function of `compiled` as its first call would (JavaScript, then
 * `new Function`): what a module that runs all its code pays, for measurements and tools.
 */
export function translateAll(compiled: CompiledModule): Translation {
  const shape = moduleShape(compiled);
  let sourceChars = 0;
  const factories = compiled.validated.functions.map((fn) => {
    if (!isTranslatable(fn, shape)) return null;
    const source = functionSource(fn, shape);
    sourceChars += source.length;
    return evaluate(source);
  });
  return { factories, sourceChars };
}
