import { existsSync } from "node:fs";
import { join } from "node:path";
import type { LoadedModule, Runtime } from "@microwasm/runtime";
import { readModuleFile } from "./load-module.js";

/** Module names that are never files: the builtin libc and WASI. */
const BUILTIN_MODULES = new Set(["env", "wasi_snapshot_preview1"]);

/**
 * iwasm's `--module-path=DIR` (WAMR's multi-module): each module name that `loaded` imports
 * from, and that `DIR/NAME.wasm` exists for, is loaded and registered with the runtime under
 * NAME, and so on for what those import. An instance importing from NAME gets its own
 * instance of it. Returns the names registered, in order.
 */
export function registerModulePath(runtime: Runtime, loaded: LoadedModule, dir: string): string[] {
  const registered: string[] = [];
  const visit = (module: LoadedModule) => {
    for (const name of new Set(module.imports.map((imp) => imp.module))) {
      if (BUILTIN_MODULES.has(name) || runtime.registeredModule(name) !== undefined) continue;
      const file = join(dir, `${name}.wasm`);
      if (!existsSync(file)) continue;
      const dependency = runtime.load(readModuleFile(file));
      runtime.registerModule(name, dependency);
      registered.push(name);
      visit(dependency);
    }
  };
  visit(loaded);
  return registered;
}
