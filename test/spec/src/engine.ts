import { groupFeatures } from "./group-features.js";

/**
 * The runner drives an engine only through the standard WebAssembly JS API. An `Engine` is that
 * API object plus a few optional capabilities the standard API cannot express.
 */

// biome-ignore lint/suspicious/noExplicitAny: error classes are matched with instanceof only
export type ErrorClass = abstract new (...args: any[]) => Error;

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

/** The part of the `WebAssembly` namespace the runner uses. */
export interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, importObject?: object) => WasmInstance;
  readonly Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => object;
  readonly Table: new (
    descriptor: { element: string; initial: number; maximum?: number },
    value?: unknown,
  ) => object;
  readonly Global: new (
    descriptor: { value: string; mutable?: boolean },
    value?: unknown,
  ) => { value: unknown };
  readonly CompileError: ErrorClass;
  readonly LinkError: ErrorClass;
  readonly RuntimeError: ErrorClass;
}

/**
 * Calls an exported function with raw values: i32 number, i64 bigint, f32/f64 number, v128 a
 * 16-byte Uint8Array, references as in the JS API; returns all results as an array.
 */
export type InvokeRaw = (fn: (...args: unknown[]) => unknown, args: readonly unknown[]) => unknown[];

export interface Engine {
  readonly name: EngineName;
  readonly api: WebAssemblyApi;
  /**
   * Optional: a way to call functions whose signature has v128 (the standard API throws a
   * TypeError for those). Without it the runner calls through a small wasm wrapper module
   * compiled by the engine itself, which needs the engine's SIMD support.
   */
  readonly invokeRaw?: InvokeRaw;
  /** Besides `RuntimeError`, the errors that count as "call stack exhausted" (node: RangeError). */
  readonly exhaustionErrors: readonly ErrorClass[];
  /**
   * Whether error messages should contain the spec's text. Mismatches never fail a command;
   * they are counted as `messageMismatch` so that wording drift is visible.
   */
  readonly checksMessages: boolean;
}

export const ENGINE_NAMES = ["node", "microwasm"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export function isEngineName(name: string): name is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(name);
}

/**
 * The engine, accepting the features of the spec group `group` (see group-features.ts; node's
 * engine has the features it has).
 */
export async function loadEngine(name: EngineName, group = "w2"): Promise<Engine> {
  switch (name) {
    case "node": {
      const api = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
      return { name, api, exhaustionErrors: [RangeError], checksMessages: false };
    }
    case "microwasm": {
      const mod = await import("@microwasm/webassembly");
      return {
        name,
        api: mod.createWebAssembly({ features: groupFeatures(group) }) as unknown as WebAssemblyApi,
        invokeRaw: mod.invokeRaw as InvokeRaw,
        exhaustionErrors: [],
        checksMessages: true,
      };
    }
  }
}
