import wabtInit from "wabt";

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabt: Wabt | undefined;

/** Features beyond 2.0 a test may ask `wat` for (wabt's names). */
export interface WatFeatures {
  readonly threads?: boolean;
  readonly memory64?: boolean;
  readonly multi_memory?: boolean;
  readonly relaxed_simd?: boolean;
}

/**
 * Assembles WebAssembly text to binary (with every 2.0 feature enabled, and `features`), for
 * tests. wabt's validator ignores these features (it rejects shared memories, a second
 * memory...): with any of them the text is only assembled, and our validator judges it.
 */
export async function wat(text: string, features: WatFeatures = {}): Promise<Uint8Array> {
  wabt ??= await wabtInit();
  const module = wabt.parseWat("test.wat", text, {
    multi_value: true,
    reference_types: true,
    bulk_memory: true,
    sign_extension: true,
    sat_float_to_int: true,
    simd: true,
    ...features,
    exceptions: true,
    tail_call: true,
    extended_const: true,
  });
  try {
    module.resolveNames();
    if (Object.keys(features).length === 0) module.validate();
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
export { hermesAvailable, noHermes, runHermes } from "./hermes.js";
export { canRun } from "./prerequisites.js";
export { noSpecData, readWasm, type SpecModule, specAvailable, specDir, specModules } from "./spec-corpus.js";
