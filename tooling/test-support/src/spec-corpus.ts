import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The spec test data (see wasm-spec/README.md): the binary modules its scripts name, and what they expect. */

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../../..");

export const specDir: string = process.env.MICROWASM_SPEC_DIR ?? resolve(repoRoot, "../shared/wasm-spec");
export const specAvailable: boolean = existsSync(join(specDir, "json"));
/** Why a suite that reads the spec data cannot run here, for `canRun`. */
export const noSpecData = `no spec test data at ${specDir} (set MICROWASM_SPEC_DIR)`;

export interface SpecModule {
  readonly group: string;
  readonly script: string;
  readonly path: string;
  readonly command: string;
  /** The spec's reason, for assertions. */
  readonly text?: string;
  readonly line: number;
}

interface Command {
  readonly type: string;
  readonly line: number;
  readonly filename?: string;
  readonly module_type?: string;
  readonly text?: string;
}

/** Every binary module that a group's scripts name (in `module` and `assert_*` commands). */
export function specModules(group: string): SpecModule[] {
  const groupDir = join(specDir, "json", group);
  if (!existsSync(groupDir)) return [];
  const out: SpecModule[] = [];
  for (const script of readdirSync(groupDir).sort()) {
    const jsonPath = join(groupDir, script, `${script}.json`);
    if (!existsSync(jsonPath)) continue;
    const { commands } = JSON.parse(readFileSync(jsonPath, "utf8")) as { commands: Command[] };
    for (const c of commands) {
      if (!c.filename?.endsWith(".wasm")) continue;
      if (c.module_type !== undefined && c.module_type !== "binary") continue;
      out.push({
        group,
        script,
        path: join(groupDir, script, c.filename),
        command: c.type,
        text: c.text,
        line: c.line,
      });
    }
  }
  return out;
}

export function readWasm(path: string): Uint8Array {
  const buffer = readFileSync(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
