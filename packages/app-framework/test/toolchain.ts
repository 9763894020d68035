import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileApp } from "@microwasm/app-sdk";

/** Whether clang and wasm-ld are installed (apps built from C need them). */
export const cToolchain =
  spawnSync(process.env["MICROWASM_CLANG"] ?? "clang", ["--version"]).status === 0 &&
  spawnSync("wasm-ld", ["--version"]).status === 0;
export const noToolchainReason = "clang and lld are not installed (apt-get install clang lld)";

export const examplesDir = new URL("../../../examples/apps/", import.meta.url).pathname;
export const testAppsDir = new URL("./apps/", import.meta.url).pathname;

let out: string | undefined;
const built = new Map<string, Uint8Array>();

/** Builds `source` (a C file) with the app SDK, as `microwasm-app-cc -O3` would; cached per run. */
export function buildApp(source: string): Uint8Array {
  let bytes = built.get(source);
  if (bytes === undefined) {
    out ??= mkdtempSync(join(tmpdir(), "app-framework-test-"));
    const output = join(out, `${built.size}.wasm`);
    compileApp({ sources: [source], output });
    bytes = readFileSync(output);
    built.set(source, bytes);
  }
  return bytes;
}
