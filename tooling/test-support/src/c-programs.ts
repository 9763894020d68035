import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Built modules are cached here (gitignored), keyed by source, flags and compiler. */
const cacheDir = fileURLToPath(new URL("../../../.wasm-cache/", import.meta.url));

let clangVersion: string | null | undefined;

/** clang's version line, or null when clang with a wasm32-wasi sysroot is not installed. */
function clang(): string | null {
  if (clangVersion === undefined) {
    const run = spawnSync("clang", ["--version"], { encoding: "utf8" });
    const sysroot = existsSync("/usr/include/wasm32-wasi") || existsSync("/usr/share/wasi-sysroot");
    clangVersion = run.status === 0 && sysroot ? run.stdout.split("\n")[0]! : null;
  }
  return clangVersion;
}

/** Whether C programs can be built for wasm here (clang, lld and wasi-libc installed). */
export function cToolchainAvailable(): boolean {
  return clang() !== null;
}

export interface BuildOptions {
  /** "wasm32-wasi" (default): a WASI command with wasi-libc. "wasm32": freestanding. */
  readonly target?: "wasm32-wasi" | "wasm32";
  /** More clang arguments (e.g. "-O0", "-nostdlib", "-Wl,--no-entry"). */
  readonly flags?: readonly string[];
}

/**
 * Compiles a C source file to a .wasm module with clang and returns the module's path.
 * Builds are cached, so a test run compiles each program once. Throws with clang's
 * diagnostics when compilation fails.
 */
export function buildC(sourcePath: string, options: BuildOptions = {}): string {
  const version = clang();
  if (version === null)
    throw new Error("clang for wasm32 is not installed (apt-get install clang lld wasi-libc)");
  const target = options.target ?? "wasm32-wasi";
  const flags = ["-O2", ...(options.flags ?? [])];
  const key = createHash("sha256")
    .update(readFileSync(sourcePath))
    .update(JSON.stringify([target, flags, version]))
    .digest("hex")
    .slice(0, 16);
  const name = sourcePath.split("/").pop()!.replace(/\.c$/, "");
  const output = join(cacheDir, `${name}-${key}.wasm`);
  if (existsSync(output)) return output;
  mkdirSync(dirname(output), { recursive: true });
  const partial = `${output}.${process.pid}.tmp`;
  const run = spawnSync("clang", [`--target=${target}`, ...flags, "-o", partial, sourcePath], {
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`clang failed on ${sourcePath}:\n${run.stderr}`);
  renameSync(partial, output);
  return output;
}
