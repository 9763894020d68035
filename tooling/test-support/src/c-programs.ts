import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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

/** Why a suite that builds C programs cannot run here, for `canRun`. */
export const noCToolchain =
  "clang, lld and wasi-libc are not installed (apt-get install clang lld wasi-libc libclang-rt-dev-wasm32)";

/** Whether C programs can be built for wasm here (clang, lld and wasi-libc installed). */
export function cToolchainAvailable(): boolean {
  return clang() !== null;
}

export interface BuildOptions {
  /**
   * "wasm32-wasi" (default): a WASI command with wasi-libc. "wasm32": freestanding.
   * "wasm32-unknown-emscripten": with -fPIC, dynamic libraries (side modules).
   */
  readonly target?: "wasm32-wasi" | "wasm32" | "wasm32-unknown-emscripten";
  /** Optimization level (default "-O2"). */
  readonly optimize?: string;
  /** More clang arguments (e.g. "-nostdlib", "-Wl,--no-entry", "-Iinclude", "-lm"). */
  readonly flags?: readonly string[];
  /** The output's base name (default: the first source's). */
  readonly name?: string;
}

/**
 * Compiles C sources (one file or several) to a .wasm module with clang and returns the
 * module's path. Builds are cached, so a test run compiles each program once. Throws with
 * clang's diagnostics when compilation fails.
 */
export function buildC(sources: string | readonly string[], options: BuildOptions = {}): string {
  const version = clang();
  if (version === null)
    throw new Error("clang for wasm32 is not installed (apt-get install clang lld wasi-libc)");
  const sourcePaths = typeof sources === "string" ? [sources] : [...sources];
  const target = options.target ?? "wasm32-wasi";
  const flags = [options.optimize ?? "-O2", ...(options.flags ?? [])];
  const hash = createHash("sha256");
  for (const path of sourcePaths) hash.update(readFileSync(path));
  const key = hash
    .update(JSON.stringify([target, flags, version, "compile-then-link"]))
    .digest("hex")
    .slice(0, 16);
  const name = options.name ?? sourcePaths[0]!.split("/").pop()!.replace(/\.c$/, "");
  const output = join(cacheDir, `${name}-${key}.wasm`);
  if (existsSync(output)) return output;
  mkdirSync(dirname(output), { recursive: true });
  const partial = `${output}.${process.pid}.tmp`;
  // Compile, then link without -O: given an optimization level at link time, clang runs
  // binaryen's wasm-opt when one is on the PATH (emscripten installs it), which strips names
  // and inlines: the same sources would build differently from one machine to the next.
  const objects = sourcePaths.map((source, i) => {
    const object = `${partial}.${i}.o`;
    const compile = spawnSync("clang", [`--target=${target}`, ...flags, "-c", "-o", object, source], {
      encoding: "utf8",
    });
    if (compile.status !== 0) throw new Error(`clang failed on ${source}:\n${compile.stderr}`);
    return object;
  });
  const linkFlags = flags.filter((f) => !/^-O/.test(f) && !/^-[DI]/.test(f));
  const link = spawnSync("clang", [`--target=${target}`, ...linkFlags, "-o", partial, ...objects], {
    encoding: "utf8",
  });
  for (const object of objects) rmSync(object, { force: true });
  if (link.status !== 0) throw new Error(`linking ${sourcePaths.join(" ")} failed:\n${link.stderr}`);
  renameSync(partial, output);
  return output;
}

/**
 * The contents of a published npm package (`name@version`), fetched once with `npm pack` and
 * unpacked under the cache; returns the package directory, or null when the registry cannot
 * be reached. For tests that build real programs from sources shipped on npm.
 */
export function npmPackageSources(spec: string): string | null {
  const dir = join(cacheDir, "sources", spec.replace(/[@/]/g, "_"));
  const done = join(dir, ".unpacked");
  if (existsSync(done)) return join(dir, "package");
  mkdirSync(dir, { recursive: true });
  // Bounded: a registry that does not answer means skipping, not hanging the test run.
  const pack = spawnSync("npm", ["pack", spec, "--silent", "--pack-destination", dir], {
    encoding: "utf8",
    timeout: 180_000,
  });
  if (pack.status !== 0) return null;
  const tarball = join(dir, pack.stdout.trim().split("\n").pop()!);
  const unpack = spawnSync("tar", ["xzf", tarball, "-C", dir], { encoding: "utf8" });
  if (unpack.status !== 0) return null;
  writeFileSync(done, spec);
  return join(dir, "package");
}

/** Unpacks a source tarball (`.tar.gz`) found inside a package, once; returns its directory. */
export function unpackTarball(tarball: string): string {
  const dir = `${tarball}.d`;
  const done = join(dir, ".unpacked");
  if (existsSync(done)) return dir;
  mkdirSync(dir, { recursive: true });
  const unpack = spawnSync("tar", ["xzf", tarball, "-C", dir], { encoding: "utf8" });
  if (unpack.status !== 0) throw new Error(`cannot unpack ${tarball}: ${unpack.stderr}`);
  writeFileSync(done, tarball);
  return dir;
}
