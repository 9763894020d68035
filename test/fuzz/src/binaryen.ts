import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { binaryenFeatureFlags, type FeatureSetName } from "./feature-sets.js";

/**
 * binaryen's command-line tools (Debian's `binaryen` package): `wasm-opt -ttf` turns arbitrary
 * bytes into a valid module, `wasm-reduce` shrinks a module while a command's output stays the
 * same.
 */

export interface BinaryenInfo {
  readonly available: boolean;
  /** `wasm-opt --version`'s output, or why the tools cannot be used. */
  readonly detail: string;
}

let info: BinaryenInfo | undefined;

export function binaryenInfo(): BinaryenInfo {
  if (info) return info;
  const run = spawnSync("wasm-opt", ["--version"], { encoding: "utf8" });
  info =
    run.status === 0
      ? { available: true, detail: run.stdout.trim() }
      : {
          available: false,
          detail: "binaryen's wasm-opt is not on PATH (apt-get install binaryen)",
        };
  return info;
}

/** Why generation failed: wasm-opt's own words. */
export class GenerateError extends Error {
  override readonly name = "GenerateError";
}

let scratch: string | undefined;
function scratchDir(): string {
  scratch ??= mkdtempSync(join(tmpdir(), "microwasm-fuzz-"));
  return scratch;
}

/** Removes this process's scratch files. */
export function removeScratch(): void {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
}

/**
 * Translates `input` into a module with `wasm-opt -ttf` over the feature set, then `--denan`:
 * NaN payloads and signs are nondeterministic in the spec wherever arithmetic makes a NaN, so
 * binaryen's own fuzzer removes NaNs before comparing engines, and so do we. Everything else a
 * module computes is deterministic and compared exactly.
 */
export function generateModule(input: Uint8Array, featureSet: FeatureSetName): Uint8Array {
  const dir = scratchDir();
  const inPath = join(dir, `input-${threadId}.dat`);
  const outPath = join(dir, `module-${threadId}.wasm`);
  writeFileSync(inPath, input);
  const run = spawnSync(
    "wasm-opt",
    [inPath, "-ttf", "--denan", ...binaryenFeatureFlags(featureSet), "-o", outPath],
    { encoding: "utf8", timeout: 60_000 },
  );
  if (run.status !== 0) {
    throw new GenerateError(`wasm-opt -ttf failed: ${run.error?.message ?? run.stderr.trim()}`);
  }
  return new Uint8Array(readFileSync(outPath));
}
