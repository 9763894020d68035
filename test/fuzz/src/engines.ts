import { defaultExecStack } from "@microwasm/interpreter";
import { createWebAssembly, WebAssembly as Microwasm } from "@microwasm/webassembly";
import { microwasmTrapClass, v8TrapClass } from "./trap-class.js";

/** The part of the standard `WebAssembly` namespace the fuzzers use; every engine here has it. */
export interface WasmApi {
  readonly Module: {
    new (bytes: Uint8Array): object;
    exports(module: object): { name: string; kind: string }[];
    imports(module: object): { module: string; name: string; kind: string }[];
  };
  readonly Instance: new (
    module: object,
    importObject?: object,
  ) => { readonly exports: Record<string, unknown> };
  readonly RuntimeError: abstract new (...args: never[]) => Error;
  validate(bytes: Uint8Array): boolean;
}

/** How a call ended when it did not return: a trap class, or why the run cannot go on. */
export type Abrupt =
  | { readonly kind: "trap"; readonly line: string }
  | { readonly kind: "exhausted" }
  | { readonly kind: "timeout" }
  | { readonly kind: "other"; readonly line: string };

export interface FuzzEngine {
  readonly name: string;
  readonly api: WasmApi;
  /** Called before each entry into wasm: bounds the run where the engine can. */
  bound(): void;
  classify(error: unknown): Abrupt;
}

/**
 * microwasm's execution tiers: every fuzzer takes the tier as a parameter. "aot" runs under a
 * timeout per call, so its metered code runs; "aot-unmetered" runs with no limit, as an embedder
 * without limits does (its code checks no fuel: a module that does not end is stopped by the
 * pool's task timeout, like Node's engine).
 */
export const TIERS = ["interpreter", "aot", "aot-unmetered"] as const;
export type Tier = (typeof TIERS)[number];

/** Node's own engine: the reference. It cannot be bounded in-process; the pool's worker timeout does that. */
export const nodeEngine: FuzzEngine = {
  name: "node",
  api: (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly,
  bound: () => {},
  classify(error) {
    const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    if (error instanceof api.RuntimeError)
      return { kind: "trap", line: `trap ${v8TrapClass(error.message)}` };
    return classifyJsError(error);
  },
};

export interface MicrowasmOptions {
  /** Wall-clock limit per entry into wasm (instantiation or one exported call). */
  readonly timeoutMs: number;
}

export function microwasmEngine(tier: Tier, options: MicrowasmOptions): FuzzEngine {
  const unmetered = tier === "aot-unmetered";
  const api = createWebAssembly({ engine: unmetered ? "aot" : tier }) as unknown as WasmApi;
  const limits = unmetered ? {} : { timeoutMs: options.timeoutMs };
  return {
    name: `microwasm-${tier}`,
    api,
    bound: () => defaultExecStack().setLimits(limits),
    classify(error) {
      if (error instanceof Microwasm.RuntimeError) {
        const trap = (error as { trap?: string }).trap ?? "";
        if (trap === "callStackExhausted") return { kind: "exhausted" };
        if (trap === "timeout") return { kind: "timeout" };
        return { kind: "trap", line: `trap ${microwasmTrapClass(trap)}` };
      }
      return classifyJsError(error);
    },
  };
}

function classifyJsError(error: unknown): Abrupt {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return { kind: "exhausted" };
  if (error instanceof TypeError) return { kind: "other", line: "TypeError" };
  const name = error instanceof Error ? error.name : typeof error;
  return { kind: "other", line: `exception ${name}` };
}
