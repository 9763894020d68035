import { AppCompileError } from "./app-compile-error.js";
import { type CompileAppOptions, compileApp } from "./compile-app.js";
import { sdkFiles } from "./sdk-files.js";

export const APP_CC_USAGE = `Usage: microwasm-app-cc [options] <file.c | file.o | file.a>... -o <app.wasm>

Builds a WAMR-style app: clang for wasm32 with WAMR's app headers (wasm_app.h, wa-inc/*.h),
the app library compiled in, and the natives (libc-builtin, app framework) imported from "env".

Options:
  -o <file>                 the app to write (default: a.wasm)
  -O0 -O1 -O2 -O3 -Os -Oz   optimization of your sources (default -O3)
  -I<dir> -D<name>[=<v>] -U<name> -g -W<...> -f<...> -m<...> -std=<...>
                            passed to clang when compiling
  -Wl,<flags> -L<dir> -l<name>
                            passed to clang when linking
  --stack-size=<bytes>      the wasm stack (default 4096, as WAMR's samples)
  --initial-memory=<bytes>  initial linear memory, a multiple of 65536 (default 65536)
  --max-memory=<bytes>      maximum linear memory, a multiple of 65536 (default: none)
  --export=<name>           export another function
  --no-strip                keep function names (WAMR's build strips them)
  --no-app-library          link against libc-builtin only, without the app library
  -v, --verbose             print each clang command
  --print-include-dirs      print the SDK's include directories, one a line, and exit
  -h, --help                print this help
Environment: MICROWASM_CLANG, the clang to run (default: clang on the PATH).
Needs clang and lld (Debian/Ubuntu: apt-get install clang lld).`;

export interface CommandOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

class UsageError extends Error {}

/** Options that take their value as the next argument when not attached. */
const ATTACHABLE = new Set(["-o", "-I", "-D", "-U", "-L", "-l"]);

function sizeOption(arg: string, name: string): number | undefined {
  if (!arg.startsWith(`${name}=`)) return undefined;
  const text = arg.slice(name.length + 1);
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value))
    throw new UsageError(`${name} needs a number of bytes`);
  return value;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Parses the command line; null when it asks only for help or the include directories. */
function parseArguments(args: readonly string[], out: CommandOutput): CompileAppOptions | null {
  const options: Mutable<CompileAppOptions> = { sources: [], output: "a.wasm" };
  const sources: string[] = [];
  const cflags: string[] = [];
  const ldflags: string[] = [];
  const exports: string[] = [];
  let verbose = false;
  for (let i = 0; i < args.length; i++) {
    let arg = args[i]!;
    if (ATTACHABLE.has(arg)) {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      arg = `${arg}${value}`;
    }
    const size = (name: string) => sizeOption(arg, name);
    if (arg === "-h" || arg === "--help") {
      out.stdout(`${APP_CC_USAGE}\n`);
      return null;
    } else if (arg === "--print-include-dirs") {
      out.stdout(`${sdkFiles.includeDir}\n${sdkFiles.sysrootIncludeDir}\n`);
      return null;
    } else if (arg.startsWith("-o")) options.output = arg.slice(2);
    else if (/^-O[0-3sz]?$/.test(arg)) options.optimize = arg;
    else if (arg === "-v" || arg === "--verbose") verbose = true;
    else if (arg === "--no-strip") options.strip = false;
    else if (arg === "--no-app-library") options.appLibrary = false;
    else if (arg.startsWith("--export=")) exports.push(arg.slice("--export=".length));
    else if (size("--stack-size") !== undefined) options.stackSize = size("--stack-size")!;
    else if (size("--initial-memory") !== undefined) options.initialMemory = size("--initial-memory")!;
    else if (size("--max-memory") !== undefined) options.maxMemory = size("--max-memory")!;
    else if (arg.startsWith("-Wl,") || arg.startsWith("-L") || arg.startsWith("-l")) ldflags.push(arg);
    else if (/^-([IDUgWfm]|std=)/.test(arg)) cflags.push(arg);
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else if (/\.(c|o|a)$/.test(arg)) sources.push(arg);
    else throw new UsageError(`${arg}: not a .c, .o or .a file`);
  }
  if (sources.length === 0) throw new UsageError("no input files");
  return {
    ...options,
    sources,
    cflags,
    ldflags,
    exports,
    onWarnings: out.stderr,
    ...(verbose ? { onCommand: (argv: readonly string[]) => out.stderr(`${argv.join(" ")}\n`) } : {}),
  };
}

/**
 * `microwasm-app-cc`: builds an app from the command line. Returns the exit status: 0 built,
 * 1 the build failed (clang's diagnostics on stderr), 2 a usage error.
 */
export function runAppCc(args: readonly string[], out: CommandOutput): number {
  let options: CompileAppOptions | null;
  try {
    options = parseArguments(args, out);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.stderr(`microwasm-app-cc: ${error.message}\nTry 'microwasm-app-cc --help'.\n`);
    return 2;
  }
  if (options === null) return 0;
  try {
    compileApp(options);
    return 0;
  } catch (error) {
    if (!(error instanceof AppCompileError)) throw error;
    out.stderr(`microwasm-app-cc: ${error.message}\n`);
    return 1;
  }
}
