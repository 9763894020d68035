import type { Features, Module } from "@microwasm/core";
import type { ValidatedModule } from "./validated-module.js";

export function validateModule(module: Module, features?: Features): ValidatedModule {
  void module;
  void features;
  throw new Error("not implemented yet");
}
