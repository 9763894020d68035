import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { aotTier, type FunctionFactorySource, Runtime } from "@microwasm/runtime";
import { importModule } from "./import-module.js";
import { UsageError } from "./usage-error.js";
import { VERSION } from "./version.js";

/**
 * `microwasm compile IN.wasm -o OUT.mjs` (WAMR's wamrc, for us): an ES module holding the
 * module's bytes and its functions translated by the AOT tier, which `microwasm OUT.mjs` runs
 * without generating code (for hosts that forbid `eval`). The module records the compiler's
 * version and the wasm's SHA-256; a module from another version, or whose bytes do not match
 * their hash, is refused: its code was made for other bytes or another runtime.
 */
const COMPILER = `microwasm ${VERSION}, AOT code format ${aotTier.codeFormat}`;

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

export function compileToModule(input: Uint8Array, output: string): void {
  const functions = new Runtime({ aot: aotTier }).load(input).precompiledSource();
  const text = [
    `// Compiled by ${COMPILER} (microwasm compile): a WebAssembly module and its functions as JavaScript.`,
    `export const compiler = ${JSON.stringify(COMPILER)};`,
    `export const wasmSha256 = ${JSON.stringify(sha256(input))};`,
    `export const wasm = ${JSON.stringify(Buffer.from(input).toString("base64"))};`,
    `export const functions = ${functions};`,
    "",
  ].join("\n");
  writeFileSync(output, text);
}

export interface CompiledProgram {
  readonly bytes: Uint8Array;
  readonly precompiled: readonly (FunctionFactorySource | null)[];
}

/** Imports a module written by `compileToModule`; `UsageError` when it is not one or does not match. */
export async function loadCompiledModule(file: string): Promise<CompiledProgram> {
  let exported: Record<string, unknown>;
  try {
    exported = await importModule(pathToFileURL(resolve(file)).href);
  } catch (error) {
    throw new UsageError(`cannot load ${file}: ${(error as Error).message.split("\n")[0]}`);
  }
  const { compiler, wasmSha256, wasm, functions } = exported;
  if (typeof wasm !== "string" || typeof wasmSha256 !== "string" || !Array.isArray(functions)) {
    throw new UsageError(`${file} is not a module written by microwasm compile`);
  }
  if (compiler !== COMPILER) {
    throw new UsageError(
      `${file} was compiled by ${String(compiler)}, this is ${COMPILER}: compile it again`,
    );
  }
  const bytes = new Uint8Array(Buffer.from(wasm, "base64"));
  if (sha256(bytes) !== wasmSha256) {
    throw new UsageError(
      `${file}: the module's bytes do not match their recorded hash (modified?): compile it again`,
    );
  }
  return { bytes, precompiled: functions as (FunctionFactorySource | null)[] };
}
