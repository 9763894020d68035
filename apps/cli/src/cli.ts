import { CompileError } from "@microwasm/core";
import { Command } from "commander";
import { inspectModule } from "./inspect-module.js";
import { compileBytes, readModuleFile } from "./load-module.js";
import { collect, collectEnv, collectMapDir, nonNegativeInteger } from "./option-parsers.js";
import { describeFailure, describeLoadFailure } from "./report-error.js";
import { runModule } from "./run-module.js";
import { UsageError } from "./usage-error.js";
import { VERSION } from "./version.js";

interface CliOptions {
  function?: string;
  stackSize?: number;
  heapSize?: number;
  dir?: string[];
  mapDir?: [string, string][];
  env?: Record<string, string>;
  repl?: boolean;
  timeout?: number;
}

/** iwasm's default app heap. */
const DEFAULT_HEAP_SIZE = 16 * 1024;

const writeLine = (line: string) => {
  process.stdout.write(`${line}\n`);
};

const program = new Command()
  .name("microwasm")
  .usage(
    "[options] <file.wasm> [args...]\n       microwasm validate <file.wasm>\n       microwasm inspect <file.wasm>",
  )
  .description(
    "Run a WebAssembly module as WAMR's iwasm does: a WASI command (_start), an emscripten side " +
      "module, or a module's main(argc, argv); argv[0] is the file name as given, and the exit " +
      "code is the program's. Options go before the file; what follows it is the program's.",
  )
  .version(`microwasm ${VERSION}`, "--version", "show version information")
  .helpOption("-h, --help", "show this help")
  .option(
    "-f, --function <name>",
    "call this exported function with the arguments after the file, print its results",
  )
  .option(
    "--stack-size <bytes>",
    "interpreter value stack in bytes (16 bytes a slot; default 2 MiB)",
    nonNegativeInteger,
  )
  .option(
    "--heap-size <bytes>",
    "app heap for builtin-libc apps' malloc (default 16 KiB); WASI programs bring their own malloc",
    nonNegativeInteger,
  )
  .option(
    "--dir <path>",
    "grant WASI access to a host directory, seen under the same path (repeatable)",
    collect,
  )
  .option(
    "--map-dir <guest::host>",
    "grant WASI access to host directory HOST as GUEST (repeatable)",
    collectMapDir,
  )
  .option("--env <name=value>", "set a WASI environment variable (repeatable)", collectEnv)
  .option("--repl", 'read-eval-print loop running commands "FUNC ARG..." (__exit__ to quit)')
  .option("--timeout <ms>", "stop the program with a trap after this many milliseconds", nonNegativeInteger)
  .argument("[file]", "the .wasm module")
  .argument("[args...]", "the program's arguments, or the function's with -f")
  .passThroughOptions()
  .action(async (file: string | undefined, args: string[], options: CliOptions) => {
    if (file === undefined) {
      program.help({ error: true });
      return;
    }
    const preopens: Record<string, string> = {};
    for (const dir of options.dir ?? []) preopens[dir] = dir;
    for (const [guest, host] of options.mapDir ?? []) preopens[guest] = host;
    const code = await runModule(
      {
        file,
        args,
        functionName: options.function,
        repl: options.repl ?? false,
        preopens,
        env: options.env ?? {},
        stackSize: options.stackSize,
        heapSize: options.heapSize ?? DEFAULT_HEAP_SIZE,
        timeoutMs: options.timeout,
      },
      writeLine,
    );
    process.exitCode = code & 0xff;
  });

program
  .command("validate")
  .description("check that a module is well-formed and valid")
  .argument("<file>", "the .wasm module")
  .action((file: string) => {
    compileBytes(readModuleFile(file));
    writeLine(`${file}: valid`);
  });

program
  .command("inspect")
  .description("show a module's sections, imports, exports and sizes")
  .argument("<file>", "the .wasm module")
  .action((file: string) => {
    for (const line of inspectModule(file, readModuleFile(file))) writeLine(line);
  });

// No top-level await: the bundle is a classic script (see bin/microwasm.cjs).
program.parseAsync().catch((error: unknown) => {
  const failure = describeFailure(error) ?? describeLoadFailure(error);
  if (failure !== null) console.error(failure);
  else if (error instanceof UsageError) console.error(`microwasm: ${error.message}`);
  else if (error instanceof CompileError) console.error(`microwasm: ${error.message}`);
  else console.error(`microwasm: internal error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
