import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The 2.0 groups: the first conformance target, run when no group is named. */
export const DEFAULT_GROUPS = ["w2", "w2-fallback", "w2-simd"] as const;

/** `<repoRoot>/../shared/wasm-spec`: where the data sits beside a checkout of the repository. */
export const defaultSpecDir = fileURLToPath(new URL("../../../../shared/wasm-spec", import.meta.url));

/** The spec data folder: `$MICROWASM_SPEC_DIR`, else the shared folder beside the repository. */
export function resolveSpecDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env["MICROWASM_SPEC_DIR"];
  return fromEnv && fromEnv.length > 0 ? fromEnv : defaultSpecDir;
}

/** True when `dir` looks like the converted suite (it has a `json/` folder). */
export function hasSpecData(dir: string): boolean {
  return existsSync(join(dir, "json")) && statSync(join(dir, "json")).isDirectory();
}

/** What to tell someone whose checkout has no spec data. */
export function missingDataHelp(dir: string): string {
  return [
    `No WebAssembly spec test data at ${dir}.`,
    "",
    "The conformance runner reads the official spec test suite (the .wast scripts converted by",
    "WABT's wast2json into one JSON command list per script, plus the .wasm files they name),",
    "laid out as json/<group>/<script>/<script>.json (groups such as w2, w2-fallback, w2-simd).",
    "It is not part of this repository. Point MICROWASM_SPEC_DIR at a folder holding it, e.g.",
    "",
    "  MICROWASM_SPEC_DIR=/path/to/wasm-spec pnpm spec -- --engine node",
    "",
    `By default it is looked for at ${defaultSpecDir} (the shared/ folder beside the repository).`,
    "Nothing was run.",
  ].join("\n");
}

export function listGroups(specDir: string): string[] {
  const root = join(specDir, "json");
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort();
}

export function listScripts(specDir: string, group: string): string[] {
  const root = join(specDir, "json", group);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => existsSync(scriptPath(specDir, group, name)))
    .sort();
}

export function scriptDir(specDir: string, group: string, script: string): string {
  return join(specDir, "json", group, script);
}

export function scriptPath(specDir: string, group: string, script: string): string {
  return join(scriptDir(specDir, group, script), `${script}.json`);
}
