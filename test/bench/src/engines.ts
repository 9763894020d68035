import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createWebAssembly } from "@microwasm/webassembly";
import { WebAssembly as Polywasm } from "polywasm";
import { nativeWebAssembly } from "./capture-native.js";

export { nativeWebAssembly } from "./capture-native.js";

/** The part of the standard `WebAssembly` namespace the suite uses; both engines provide it. */
export interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, importObject?: object) => { readonly exports: object };
}

/**
 * "native" is Node's own engine; "microwasm" microwasm's interpreter, "aot" its AOT tier;
 * "polywasm" (npm) and "wasm2js" (binaryen) are the published translators of wasm to JS, run
 * for reference (neither traps nor keeps NaN bits; polywasm does not validate).
 */
export const ENGINE_NAMES = ["native", "microwasm", "aot", "polywasm", "wasm2js"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];
/** The engines that run SIMD kernels and load modules through the JS API. */
export type ApiEngineName = "native" | "microwasm" | "aot";

export const engines: Readonly<Record<ApiEngineName | "polywasm", WasmApi>> = {
  native: nativeWebAssembly,
  microwasm: createWebAssembly({ engine: "interpreter" }) as unknown as WasmApi,
  aot: createWebAssembly({ engine: "aot" }) as unknown as WasmApi,
  polywasm: Polywasm as unknown as WasmApi,
};

export type RunExport = (reps: number) => number;

/** Instantiates a kernel on `engine` and returns its `run` export. */
export async function instantiateKernel(engine: EngineName, bytes: Uint8Array): Promise<RunExport> {
  if (engine === "wasm2js") return wasm2jsKernel(bytes);
  const api = engines[engine];
  const instance = new api.Instance(new api.Module(bytes), {});
  return (instance.exports as { run: RunExport }).run;
}

/** Whether `wasm2js` (Debian's binaryen) is installed. */
export function hasWasm2js(): boolean {
  return spawnSync("wasm2js", ["--version"]).status === 0;
}

/** Translates the kernel with binaryen's wasm2js (-O2, as its users ship it) and imports the result. */
async function wasm2jsKernel(bytes: Uint8Array): Promise<RunExport> {
  const dir = mkdtempSync(join(tmpdir(), "microwasm-wasm2js-"));
  try {
    const input = join(dir, "kernel.wasm");
    const output = join(dir, "kernel.mjs");
    writeFileSync(input, bytes);
    const flags = ["--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int"];
    const run = spawnSync("wasm2js", [input, "-O2", ...flags, "-o", output], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`wasm2js failed: ${run.stderr}`);
    const module = (await import(pathToFileURL(output).href)) as { run: RunExport };
    return module.run;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
