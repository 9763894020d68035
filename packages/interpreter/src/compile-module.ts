import type { Module } from "@microwasm/core";
import type { ValidatedModule } from "@microwasm/validator";
import type { CompiledFunction } from "./compiled-function.js";

export interface CompiledModule {
  readonly module: Module;
  readonly validated: ValidatedModule;
  readonly functions: readonly CompiledFunction[];
}

export function compileModule(validated: ValidatedModule): CompiledModule {
  void validated;
  throw new Error("not implemented yet");
}
