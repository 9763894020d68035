import { wat } from "@microwasm/test-support";
import { Runtime, type RuntimeOptions } from "../src/index.js";

/** A runtime and a module loaded into it from WAT. */
export async function loadWat(text: string, options: RuntimeOptions = {}) {
  const runtime = new Runtime(options);
  const module = runtime.load(await wat(text));
  return { runtime, module };
}
