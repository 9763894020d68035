import { compileModule, instantiateModule, type ModuleInstance } from "@microwasm/interpreter";
import { parseModule } from "@microwasm/parser";
import { validateModule } from "@microwasm/validator";

/** The whole pipeline in one place: bytes → Module → ValidatedModule → compiled code → instance. */
export function loadModule(bytes: Uint8Array): ModuleInstance {
  const module = parseModule(bytes);
  const validated = validateModule(module);
  const compiled = compileModule(validated);
  if (compiled.module.imports.length > 0) {
    const first = compiled.module.imports[0]!;
    throw new Error(`module imports ${first.module}.${first.name}; this runner provides no imports yet`);
  }
  return instantiateModule(compiled, []);
}
