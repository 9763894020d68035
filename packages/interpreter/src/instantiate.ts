import type { Module } from "@microwasm/core";
import type { CompiledModule } from "./compile-module.js";
import type { ExternalValue } from "./external-value.js";

export interface InstantiateOptions {
  /** Deepest wasm call nesting before "call stack exhausted" (default 20000). */
  readonly maxCallDepth?: number;
}

export interface ModuleInstance {
  readonly module: Module;
  /** Exports in declaration order. */
  readonly exports: ReadonlyMap<string, ExternalValue>;
}

/**
 * Links `imports` (one per module import, in order) and instantiates. Throws `LinkError`
 * ("incompatible import type") when an import's kind or type does not match, `RuntimeError`
 * when a segment is out of bounds or the start function traps.
 */
export function instantiateModule(
  compiled: CompiledModule,
  imports: readonly ExternalValue[],
  options: InstantiateOptions = {},
): ModuleInstance {
  void compiled;
  void imports;
  void options;
  throw new Error("not implemented yet");
}
