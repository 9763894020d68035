import wabtInit from "wabt";

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabt: Wabt | undefined;

/**
 * Assembles WebAssembly text to binary (with every 2.0 feature enabled, and the 3.0 exception
 * handling, tail calls and extended constant expressions), for tests.
 */
export async function wat(text: string): Promise<Uint8Array> {
  wabt ??= await wabtInit();
  const module = wabt.parseWat("test.wat", text, {
    multi_value: true,
    reference_types: true,
    bulk_memory: true,
    sign_extension: true,
    sat_float_to_int: true,
    simd: true,
    exceptions: true,
    tail_call: true,
    extended_const: true,
  });
  try {
    module.resolveNames();
    module.validate();
    return module.toBinary({ write_debug_names: true }).buffer;
  } finally {
    module.destroy();
  }
}
export {
  type BuildOptions,
  buildC,
  cToolchainAvailable,
  noCToolchain,
  npmPackageSources,
  unpackTarball,
} from "./c-programs.js";
export { canRun } from "./prerequisites.js";
export { noSpecData, readWasm, type SpecModule, specAvailable, specDir, specModules } from "./spec-corpus.js";
