import {
  defaultExecStack,
  ExecStack,
  FunctionInstance,
  instantiateModule,
  invoke,
  MemoryInstance,
  type ModuleInstance,
} from "@microwasm/interpreter";
import { hostOutput, sleepNs, WASI, WASIExitError } from "@microwasm/libc-wasi";
import type { BuiltinLibc } from "./env-natives.js";
import type { ImportProvider } from "./import-provider.js";
import { linkImports } from "./link-imports.js";
import { compileBytes, readModuleFile } from "./load-module.js";
import { writeArgv } from "./main-args.js";
import { moduleKind } from "./module-kind.js";
import { runRepl } from "./repl.js";
import { runExportedFunction } from "./run-function.js";
import type { RunOptions } from "./run-options.js";
import { SideModuleGlue } from "./side-module.js";
import { UsageError } from "./usage-error.js";
import { WASI_MODULE, wasiProvider } from "./wasi-provider.js";

/** Value-stack slots are 16 bytes; below this many the simplest C program cannot run. */
const MIN_STACK_SLOTS = 1024;
/**
 * The CLI's default value stack: 2 MiB (thousands of nested C calls). Smaller than the
 * interpreter's 16 MiB default because allocating that is a tenth of a hello world's startup.
 */
export const DEFAULT_STACK_SIZE = 2 * 1024 * 1024;

function exportedMemory(instance: ModuleInstance): MemoryInstance | null {
  for (const value of instance.exports.values()) if (value instanceof MemoryInstance) return value;
  return null;
}

/**
 * Loads, links and runs a module as iwasm does; returns the process exit code. WASI commands
 * run `_start`; side modules get the dynamic-linking glue, constructors and `main`; other
 * modules exporting `main` run `main(argc, argv)`; `-f` calls one function and prints its
 * results; `--repl` reads commands. Traps propagate as `RuntimeError`.
 */
export async function runModule(options: RunOptions, write: (line: string) => void): Promise<number> {
  const compiled = compileBytes(readModuleFile(options.file));
  const module = compiled.module;
  const kind = moduleKind(module);
  const argv = [options.file, ...options.args];

  const stackBytes = options.stackSize ?? DEFAULT_STACK_SIZE;
  const stack = new ExecStack({ slots: Math.max(MIN_STACK_SLOTS, Math.floor(stackBytes / 16)) });
  stack.setLimits({ timeoutMs: options.timeoutMs ?? Number.POSITIVE_INFINITY });
  const deadline =
    options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + options.timeoutMs;

  const providers: ImportProvider[] = [];
  let wasi: WASI | null = null;
  if (module.imports.some((imp) => imp.module === WASI_MODULE)) {
    try {
      wasi = new WASI({
        args: argv,
        env: options.env,
        preopens: options.preopens,
        returnOnExit: true,
        sleep: sleepUntil(deadline),
      });
    } catch (error) {
      // A preopen that is not a readable host directory: the user's mistake, in one line.
      throw new UsageError((error as Error).message);
    }
    providers.push(wasiProvider(wasi));
  }
  let glue: SideModuleGlue | null = null;
  if (kind.kind === "side-module") {
    glue = new SideModuleGlue(module, kind.dylink, argv);
    providers.push(glue.provider);
  }
  let instance: ModuleInstance | null = null;
  const memory = () => (instance === null ? null : exportedMemory(instance)) ?? glueMemory;
  let glueMemory: MemoryInstance | null = null;
  // WAMR's builtin libc (and the zod-checked natives under it) loads only for modules that
  // import from `env`: builtin-libc apps and side modules. WASI commands start without it.
  let libc: BuiltinLibc | null = null;
  if (module.imports.some((imp) => imp.module === "env")) {
    const { BuiltinLibc } = await import("./env-natives.js");
    const stdout = hostOutput(1);
    libc = new BuiltinLibc({
      heapSize: options.heapSize,
      heapBase: glue?.layout.heapBase ?? null,
      stdout: (bytes) => stdout.write(bytes),
    });
    providers.push(libc.provider);
  }

  const linked = linkImports(module, providers);
  for (const imp of linked.unlinked) {
    process.stderr.write(`warning: failed to link import function (${imp.module}, ${imp.name})\n`);
  }
  glueMemory = linked.values.find((v): v is MemoryInstance => v instanceof MemoryInstance) ?? null;
  // A start function runs inside instantiation, on the interpreter's default stack: limit it too.
  if (module.start !== null && options.timeoutMs !== undefined) {
    defaultExecStack().setLimits({ timeoutMs: Math.max(0, deadline - performance.now()) });
  }
  instance = instantiateModule(compiled, linked.values, {
    // The builtin libc's natives may run in the start function: they see memory and heap first.
    beforeStart: (inner) => libc?.attach(inner, inner.memories[0] ?? null, stack),
  });
  const guestMemory = memory();
  if (wasi !== null && guestMemory !== null) wasi.attachMemory(guestMemory.currentBufferSource());

  // Exactly once before the module's own code: the side-module glue (relocations, stack
  // limits, constructors) or a reactor's initialization. A WASI command's _start does its own.
  const prepare = () => {
    if (glue !== null) glue.initialize(instance!, stack);
    else initializeReactor(instance!, stack);
  };
  try {
    if (options.repl) {
      prepare();
      runRepl(instance, stack, write);
      return 0;
    }
    if (options.functionName !== undefined) {
      prepare();
      write(runExportedFunction(instance, options.functionName, options.args, stack));
      return 0;
    }
    switch (kind.kind) {
      case "wasi-command": {
        const start = instance.exports.get("_start") as FunctionInstance;
        return callMain(() => invoke(start, [], stack)) ?? 0;
      }
      case "side-module": {
        prepare();
        return callMain(() => callMainExport(instance!, stack, () => glue!.mainArguments())) ?? 0;
      }
      case "main":
        prepare();
        return callMain(() => callMainExport(instance!, stack, () => placeArgv(instance!, argv, stack))) ?? 0;
      case "library": {
        // Nothing to run by default: `microwasm lib.wasm NAME ARGS` (or `-f NAME` after the
        // file) calls NAME, as the first microwasm runner did.
        const [first, ...rest] = options.args;
        const named = first === "-f" || first === "--function" ? rest : options.args;
        const [name, ...args] = named;
        if (name === undefined) {
          throw new UsageError(
            `${options.file} has no _start or main to run: name a function with -f, or use --repl`,
          );
        }
        prepare();
        write(runExportedFunction(instance, name, args, stack));
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof WASIExitError) return error.code;
    throw error;
  }
}

/**
 * The guest's sleeps (poll_oneoff on a clock) end at the --timeout deadline at the latest, so
 * that a sleeping program is stopped too: back in wasm, its next loop or call traps.
 */
function sleepUntil(deadline: number): (ns: bigint) => void {
  return (ns) => {
    const left = deadline - performance.now();
    sleepNs(
      left === Number.POSITIVE_INFINITY || ns < BigInt(Math.ceil(left * 1e6))
        ? ns
        : BigInt(Math.max(0, Math.ceil(left * 1e6))),
    );
  };
}

/** Runs `call`; a proc_exit inside it gives the exit code. Returns main's own result otherwise. */
function callMain(call: () => unknown[] | undefined): number | undefined {
  try {
    const results = call();
    const code = results?.[0];
    return typeof code === "number" ? code : undefined;
  } catch (error) {
    if (error instanceof WASIExitError) return error.code;
    throw error;
  }
}

/** Calls `main` (or wasi-libc's `__main_argc_argv`) with (argc, argv) when it takes them. */
function callMainExport(instance: ModuleInstance, stack: ExecStack, args: () => [number, number]): unknown[] {
  const main = instance.exports.get("main") ?? instance.exports.get("__main_argc_argv");
  if (!(main instanceof FunctionInstance)) throw new UsageError("the module exports no main function");
  const params = main.type.params.length;
  if (params !== 0 && params !== 2) throw new UsageError("main must take no parameters or (argc, argv)");
  return invoke(main, params === 2 ? args() : [], stack);
}

/**
 * argc and argv for a module's own `main`: the strings go into memory the module allocates
 * with its exported `malloc` or, without one, a page grown for them at the end of memory.
 */
function placeArgv(instance: ModuleInstance, argv: readonly string[], stack: ExecStack): [number, number] {
  const memory = exportedMemory(instance);
  if (memory === null) return [argv.length, 0];
  const size = argv.reduce((sum, a) => sum + new TextEncoder().encode(a).length + 1, (argv.length + 1) * 4);
  const malloc = instance.exports.get("malloc");
  let base: number;
  if (
    malloc instanceof FunctionInstance &&
    malloc.type.params.length === 1 &&
    malloc.type.results.length === 1
  ) {
    base = (invoke(malloc, [size], stack)[0] as number) >>> 0;
    if (base === 0) throw new UsageError("the module's malloc could not allocate argv");
  } else {
    const pages = Math.ceil(size / 65536);
    const old = memory.grow(pages);
    if (old < 0) throw new UsageError("no memory left for argv");
    base = old * 65536;
  }
  return [argv.length, writeArgv(memory, base, argv).argv];
}

/**
 * What runs before a module's functions are called, as WAMR does after instantiation: a WASI
 * reactor's `_initialize`; otherwise, for a module that is not a WASI command (whose `_start`
 * runs them itself), its `__wasm_call_ctors`.
 */
function initializeReactor(instance: ModuleInstance, stack: ExecStack): void {
  let init = instance.exports.get("_initialize");
  if (init === undefined && instance.exports.get("_start") === undefined) {
    init = instance.exports.get("__wasm_call_ctors");
  }
  if (init instanceof FunctionInstance && init.type.params.length === 0) invoke(init, [], stack);
}
