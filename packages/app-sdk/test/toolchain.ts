import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canRun } from "@microwasm/test-support";

export const noToolchainReason = "clang and lld are not installed (apt-get install clang lld)";

/** Whether clang and wasm-ld are installed (the C tests need them); under CI their absence fails. */
export const cToolchain = canRun(
  spawnSync(process.env["MICROWASM_CLANG"] ?? "clang", ["--version"]).status === 0 &&
    spawnSync("wasm-ld", ["--version"]).status === 0,
  noToolchainReason,
);

/** A fresh directory for built apps. */
export function buildDir(): string {
  return mkdtempSync(join(tmpdir(), "app-sdk-test-"));
}

/** The repository's example apps and WAMR's prebuilt samples (test data beside the repository). */
export const examplesDir = new URL("../../../examples/apps/", import.meta.url).pathname;
export const wamrAppsDir =
  process.env["MICROWASM_WAMR_APPS_DIR"] ??
  new URL("../../../../shared/wamr-apps/", import.meta.url).pathname;
