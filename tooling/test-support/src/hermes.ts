import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// Hermes 0.12 (npm hermes-engine-cli), React Native's engine before its class support: no
// WebAssembly, no `class`. The package ships its binaries for linux-x64 only.

const hermesBin = join(
  dirname(createRequire(import.meta.url).resolve("hermes-engine-cli/package.json")),
  "linux64-bin",
);

/** The `hermes` binary, when this machine can run it. */
export const hermesAvailable =
  process.platform === "linux" && process.arch === "x64" && existsSync(join(hermesBin, "hermes"));

/** Why a Hermes test does not run here. */
export const noHermes = "hermes-engine-cli ships its hermes binary for linux-x64 only";

/** Runs a script in Hermes (undeclared-global warnings off) and returns what it printed. */
export function runHermes(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), "microwasm-hermes-"));
  try {
    const file = join(dir, "script.js");
    writeFileSync(file, script);
    // Hermes quotes the source line of every syntax error: a minified line is long.
    const run = spawnSync(join(hermesBin, "hermes"), ["-w", file], {
      encoding: "utf8",
      timeout: 120_000,
      maxBuffer: 1 << 28,
    });
    if (run.status !== 0) throw new Error(`hermes exited with ${run.status}: ${run.stderr.slice(0, 300)}`);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
