import { parseModule } from "@microwasm/parser";
import { wat } from "@microwasm/test-support";
import { validateModule } from "@microwasm/validator";
import {
  type CompiledModule,
  compileModule,
  type ExternalValue,
  instantiateModule,
  type ModuleInstance,
} from "../src/index.js";

export async function compileWat(text: string): Promise<CompiledModule> {
  return compileModule(validateModule(parseModule(await wat(text))));
}

export async function instantiateWat(text: string, imports: ExternalValue[] = []): Promise<ModuleInstance> {
  return instantiateModule(await compileWat(text), imports);
}
