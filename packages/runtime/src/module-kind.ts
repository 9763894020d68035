import { ExternalKind, type Module } from "@microwasm/core";
import { type DylinkInfo, readDylinkInfo } from "./dylink-section.js";

/** How the CLI runs a module when no function is named. */
export type ModuleKind =
  /** A WASI command: `_start` (argv, environment and exit code through WASI). */
  | { readonly kind: "wasi-command" }
  /** An emscripten side module or `-shared` library: dynamic-linking glue, constructors, then `main`. */
  | { readonly kind: "side-module"; readonly dylink: DylinkInfo }
  /** A builtin-libc app (WAMR's default): `main(argc, argv)` or `main()`. */
  | { readonly kind: "main" }
  /** Nothing to run by default (a library or reactor): needs `-f`. */
  | { readonly kind: "library" };

function exportsFunction(module: Module, name: string): boolean {
  return module.exports.some((e) => e.name === name && e.kind === ExternalKind.func);
}

export function moduleKind(module: Module): ModuleKind {
  const dylink = readDylinkInfo(module);
  if (dylink !== null) return { kind: "side-module", dylink };
  if (exportsFunction(module, "_start")) return { kind: "wasi-command" };
  if (exportsFunction(module, "main") || exportsFunction(module, "__main_argc_argv")) return { kind: "main" };
  return { kind: "library" };
}
