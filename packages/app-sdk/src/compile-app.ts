import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { AppCompileError, AppCompileFailure, TOOLCHAIN_PACKAGES } from "./app-compile-error.js";
import { APP_DATA_EXPORTS, APP_ENTRY_POINTS } from "./entry-points.js";
import { cachedLibraryObjects } from "./library-cache.js";
import { sdkFiles } from "./sdk-files.js";

export interface CompileAppOptions {
  /** C files to compile with the app library; `.o` and `.a` files go to the linker as they are. */
  readonly sources: readonly string[];
  /** The .wasm file to write. */
  readonly output: string;
  /** The app's optimization flag (default "-O3", as WAMR's samples). The library is always -O3. */
  readonly optimize?: string;
  /** More compiler flags for the app's sources (-I, -D, -g, -W..., -std=...). */
  readonly cflags?: readonly string[];
  /** More linker flags (-Wl,..., -L, -l). */
  readonly ldflags?: readonly string[];
  /** The wasm stack in bytes (default 4096, WAMR's `-z stack-size=4096`). */
  readonly stackSize?: number;
  /** The linear memory's initial size in bytes (default 65536: one page, as WAMR's samples). */
  readonly initialMemory?: number;
  /** The linear memory's maximum size in bytes (default: none). */
  readonly maxMemory?: number;
  /** More functions to export besides the entry points. */
  readonly exports?: readonly string[];
  /** Strip names and debug info, as WAMR's build does (default true). */
  readonly strip?: boolean;
  /** Link the app library (default true); false builds against libc-builtin only. */
  readonly appLibrary?: boolean;
  /** The clang to run (default: $MICROWASM_CLANG, else "clang" on the PATH). */
  readonly clang?: string;
  /** Called with each command line before it runs. */
  readonly onCommand?: (argv: readonly string[]) => void;
  /** Called with clang's warnings when a step succeeds with some. */
  readonly onWarnings?: (text: string) => void;
}

export interface CompiledApp {
  readonly output: string;
  /** Every clang command line run, in order. */
  readonly commands: readonly (readonly string[])[];
}

const WASM_PAGE = 65536;

/** Flags every translation unit gets: freestanding wasm32 against the SDK's headers. */
function targetFlags(): string[] {
  return [
    "--target=wasm32",
    // Only the SDK's libc headers (and clang's own stddef.h, stdint.h, stdarg.h, ...).
    "-nostdlibinc",
    "-isystem",
    sdkFiles.sysrootIncludeDir,
    "-I",
    sdkFiles.includeDir,
  ];
}

function checkSize(name: string, value: number | undefined, multipleOf: number): void {
  if (value === undefined) return;
  if (!Number.isSafeInteger(value) || value <= 0 || value % multipleOf !== 0)
    throw new AppCompileError(
      AppCompileFailure.badOptions,
      `${name} must be a positive multiple of ${multipleOf}, got ${value}`,
    );
}

/** The linker flags that make a WAMR app: no entry, the natives allowed undefined, the exports. */
function appLinkFlags(options: CompileAppOptions): string[] {
  const flags = [
    "-nostdlib",
    "-Wl,--no-entry",
    `-Wl,--allow-undefined-file=${sdkFiles.definedSymbols}`,
    `-Wl,-z,stack-size=${options.stackSize ?? 4096}`,
    `-Wl,--initial-memory=${options.initialMemory ?? WASM_PAGE}`,
  ];
  if (options.maxMemory !== undefined) flags.push(`-Wl,--max-memory=${options.maxMemory}`);
  for (const entry of APP_ENTRY_POINTS) {
    // on_init is required, so its absence is a link error rather than a failed install;
    // the library's entry points are always there when it is linked.
    const always = entry.required || (entry.inLibrary && options.appLibrary !== false);
    flags.push(always ? `-Wl,--export=${entry.name}` : `-Wl,--export-if-defined=${entry.name}`);
  }
  for (const name of APP_DATA_EXPORTS) if (name !== "memory") flags.push(`-Wl,--export=${name}`);
  for (const name of options.exports ?? []) flags.push(`-Wl,--export=${name}`);
  if (options.strip !== false) flags.push("-Wl,--strip-all");
  return flags;
}

/**
 * Compiles and links a WAMR-style app: the app's C sources and the app library, for wasm32
 * with no libc of its own (libc-builtin and the app framework's natives are imported from
 * "env"), exporting `on_init` and the other entry points, `__heap_base` and `__data_end`.
 * Linking is a separate step without -O: given -O at link time, clang runs binaryen's
 * wasm-opt when one is on the PATH, and the same sources would build differently from one
 * machine to the next. Throws `AppCompileError`.
 */
export function compileApp(options: CompileAppOptions): CompiledApp {
  if (options.sources.length === 0) throw new AppCompileError(AppCompileFailure.badOptions, "no input files");
  if (options.output === "") throw new AppCompileError(AppCompileFailure.badOptions, "no output file");
  checkSize("the stack size", options.stackSize, 16);
  checkSize("the initial memory", options.initialMemory, WASM_PAGE);
  checkSize("the maximum memory", options.maxMemory, WASM_PAGE);

  const clang = options.clang ?? process.env["MICROWASM_CLANG"] ?? "clang";
  const commands: string[][] = [];
  const run = (args: string[], failure: AppCompileFailure, what: string, cwd?: string): void => {
    const argv = [clang, ...args];
    commands.push(argv);
    options.onCommand?.(argv);
    const result = spawnSync(clang, args, { encoding: "utf8", cwd });
    if (result.error !== undefined) {
      const missing = (result.error as NodeJS.ErrnoException).code === "ENOENT";
      throw new AppCompileError(
        missing ? AppCompileFailure.toolchainMissing : failure,
        missing
          ? `${clang} was not found: install clang and lld (Debian/Ubuntu: apt-get install ${TOOLCHAIN_PACKAGES}), or set MICROWASM_CLANG to a clang that targets wasm32`
          : `${clang}: ${result.error.message}`,
      );
    }
    if (result.status !== 0) {
      const stderr = result.stderr.trim();
      if (/wasm-ld.*(not found|doesn't exist|No such file)/i.test(stderr))
        throw new AppCompileError(
          AppCompileFailure.toolchainMissing,
          `clang cannot find wasm-ld, the WebAssembly linker (Debian/Ubuntu: apt-get install lld)\n${stderr}`,
        );
      const hint = /undefined symbol/.test(stderr)
        ? `\n(an app may import only the natives in ${sdkFiles.definedSymbols}: WAMR's libc-builtin and app framework)`
        : "";
      throw new AppCompileError(failure, `${what}\n${stderr}${hint}`);
    }
    if (result.stderr !== "") options.onWarnings?.(result.stderr);
  };

  const work = mkdtempSync(join(tmpdir(), "microwasm-app-cc-"));
  try {
    const objects: string[] = [];
    options.sources.forEach((source, i) => {
      if (!source.endsWith(".c")) {
        objects.push(resolve(source));
        return;
      }
      // Numbered: two sources with one base name must not overwrite each other's object.
      const object = join(work, `${i}-${basename(source, ".c")}.o`);
      run(
        [
          ...targetFlags(),
          options.optimize ?? "-O3",
          ...(options.cflags ?? []),
          "-c",
          resolve(source),
          "-o",
          object,
        ],
        AppCompileFailure.compileFailed,
        `cannot compile ${source}`,
      );
      objects.push(object);
    });

    if (options.appLibrary !== false)
      objects.push(
        ...cachedLibraryObjects(clang, (dir, sources) =>
          // One clang for all library sources (objects land in its working directory). calloc
          // is not a builtin so that malloc + memset stays so, as in WAMR's build's imports.
          run(
            [...targetFlags(), "-O3", "-fno-builtin-calloc", "-c", ...sources],
            AppCompileFailure.compileFailed,
            "cannot compile the app library",
            dir,
          ),
        ),
      );

    run(
      [
        "--target=wasm32",
        ...appLinkFlags(options),
        ...(options.ldflags ?? []),
        ...objects,
        "-o",
        resolve(options.output),
      ],
      AppCompileFailure.linkFailed,
      `cannot link ${options.output}`,
    );
    return { output: options.output, commands };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
