import { parseModule } from "@microwasm/parser";
import { type WatFeatures, wat } from "@microwasm/test-support";
import { validateModule } from "@microwasm/validator";
import {
  type CompiledModule,
  compileModule,
  type ExternalValue,
  instantiateModule,
  type ModuleInstance,
} from "../src/index.js";

export async function compileWat(text: string, features?: WatFeatures): Promise<CompiledModule> {
  return compileModule(validateModule(parseModule(await wat(text, features))));
}

export async function instantiateWat(
  text: string,
  imports: ExternalValue[] = [],
  features?: WatFeatures,
): Promise<ModuleInstance> {
  return instantiateModule(await compileWat(text, features), imports);
}
