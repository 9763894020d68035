import { RuntimeError } from "@microwasm/core";
import { listenTcp, type TcpListener } from "@microwasm/libc-wasi";
import { aotTier, type ModuleInstance, Runtime } from "@microwasm/runtime";
import { nodeHost } from "@microwasm/runtime/node";
import { loadCompiledModule } from "./compiled-module.js";
import { readModuleFile } from "./load-module.js";
import { registerModulePath } from "./module-path.js";
import { registerNativeLibs } from "./native-libs.js";
import { runRepl } from "./repl.js";
import type { RunOptions } from "./run-options.js";
import { UsageError } from "./usage-error.js";

/**
 * iwasm's default stack: 64 KiB. The runtime counts a stack's bytes as WAMR's interpreter
 * spends them (frame headers and value cells), so a size allows about the depth it does there.
 */
export const DEFAULT_STACK_SIZE = 64 * 1024;

/**
 * Loads, links and runs a module as iwasm does, through the runtime; returns the process exit
 * code. With `-f` it calls one function and prints its results, with `--repl` it reads
 * commands; otherwise the runtime's `executeMain` runs the program (a WASI command's `_start`,
 * a side module's glue and `main`, or `main(argc, argv)`), and a library without an entry
 * point takes a function name as its first argument. Failures propagate: `CompileError`,
 * `LinkError`, `WasmException`, `UsageError`.
 */
export async function runModule(options: RunOptions, write: (line: string) => void): Promise<number> {
  const runtime = new Runtime({
    host: nodeHost,
    engine: options.engine,
    aot: aotTier,
    features: options.features,
  });
  // An ES module from `microwasm compile` brings the module's bytes and its compiled functions.
  const program = options.file.endsWith(".mjs") ? await loadCompiledModule(options.file) : null;
  const bytes = program?.bytes ?? readModuleFile(options.file);
  const loaded = runtime.load(bytes, program === null ? {} : { precompiled: program.precompiled });
  const log = (level: number, text: string) => {
    if (options.logLevel >= level) process.stderr.write(`${text}\n`);
  };
  log(3, `loaded ${options.file}: ${bytes.length} bytes, ${loaded.kind.kind}`);
  // Natives of the user's come first: WAMR looks symbols up in registration order.
  await registerNativeLibs(runtime, options.nativeLibs);
  if (options.modulePath !== undefined) {
    for (const name of registerModulePath(runtime, loaded, options.modulePath)) {
      log(3, `registered ${name} from ${options.modulePath}`);
    }
  }
  const usesLibc = loaded.imports.some((imp) => imp.module === "env" && imp.kind === "function");
  if (usesLibc) {
    const { registerBuiltinLibc } = await import("./libc-natives.js");
    registerBuiltinLibc(runtime);
  }
  const argv = [options.file, ...options.args];
  const deadline =
    options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + options.timeoutMs;
  loaded.setWasiArgs({
    sockets: options.tcpListen.map((address) => listen(address, deadline)),
    args: argv,
    env: Object.entries(options.env).map(([name, value]) => `${name}=${value}`),
    mapDirs: Object.entries(options.preopens).map(([guest, host]) => `${guest}::${host}`),
  });
  const instance = loaded.instantiate({
    stackSize: options.stackSize ?? DEFAULT_STACK_SIZE,
    // The app heap serves the builtin libc's malloc; a module that does not use it gets none.
    heapSize: usesLibc ? options.heapSize : 0,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  for (const imp of instance.unlinkedImports) {
    log(2, `warning: failed to link import function (${imp.module}, ${imp.name})`);
  }
  if (options.repl) {
    instance.initialize();
    runRepl(instance);
    return 0;
  }
  if (options.functionName !== undefined) {
    write(instance.executeFunction(options.functionName, options.args));
    return 0;
  }
  if (loaded.kind.kind === "library") return runLibraryFunction(instance, options);
  return instance.executeMain(argv);
}

/**
 * `--tcplisten HOST:PORT`: a listening socket (a one-line error when it cannot listen). A guest
 * blocked in a socket call is stopped at the --timeout deadline too.
 */
function listen(address: string, deadline: number): TcpListener {
  try {
    return listenTcp(address, {
      onBlocked: () => {
        if (performance.now() >= deadline) throw new RuntimeError("timeout");
      },
    });
  } catch (error) {
    throw new UsageError(`--tcplisten ${address}: ${(error as Error).message}`);
  }
}

/**
 * A module with nothing to run by default: `microwasm lib.wasm NAME ARGS` (or `-f NAME` after
 * the file) calls NAME, as the first microwasm runner did.
 */
function runLibraryFunction(instance: ModuleInstance, options: RunOptions): number {
  const [first, ...rest] = options.args;
  const named = first === "-f" || first === "--function" ? rest : options.args;
  const [name, ...args] = named;
  if (name === undefined) {
    throw new UsageError(
      `${options.file} has no _start or main to run: name a function with -f, or use --repl`,
    );
  }
  process.stdout.write(`${instance.executeFunction(name, args)}\n`);
  return 0;
}
