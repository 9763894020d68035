import { readFileSync, writeFileSync } from "node:fs";
import { CompileError, type Features } from "@microwasm/core";
import { Runtime, RuntimeOptionsError, validateWasm } from "@microwasm/runtime";
import { Command } from "commander";
import { compileToModule } from "./compiled-module.js";
import { fleetCommand } from "./fleet-command.js";
import { attachQueryArgument, hostCommand } from "./host-command.js";
import { inspectModule } from "./inspect-module.js";
import { readModuleFile } from "./load-module.js";
import {
  collect,
  collectDisabledFeature,
  collectEnv,
  collectMapDir,
  featuresWithout,
  logLevel,
  nonNegativeInteger,
} from "./option-parsers.js";
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
  verbose?: number;
  nativeLib?: string[];
  tcplisten?: string[];
  modulePath?: string;
  disableFeature?: (keyof Features)[];
  interp?: boolean;
  aot?: boolean;
}

/** iwasm's default app heap. */
const DEFAULT_HEAP_SIZE = 16 * 1024;

const writeLine = (line: string) => {
  process.stdout.write(`${line}\n`);
};

const program = new Command()
  .name("microwasm")
  .usage(
    "[options] <file.wasm> [args...]\n       microwasm compile <file.wasm> -o <file.mjs>\n       microwasm validate <file.wasm...>\n       microwasm inspect [--internal [-f NAME]] <file.wasm>\n       microwasm build-runtime --config <file.json> -o <out.js>\n       microwasm host -i|-u|-q|-r|-s|-d ... (WAMR's host_tool)\n       microwasm fleet --broker URL <verb> ...\n       microwasm help [command]",
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
    "the wasm stack in bytes, counted as WAMR's interpreter does (default 64 KiB, as iwasm)",
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
  .option(
    "--tcplisten <host:port>",
    "preopen a listening TCP socket for WASI's sock_accept (after the directories; repeatable)",
    collect,
  )
  .option("--repl", 'read-eval-print loop running commands "FUNC ARG..." (__exit__ to quit)')
  .option("--timeout <ms>", "stop the program with a trap after this many milliseconds", nonNegativeInteger)
  .option("-v, --verbose <level>", "log level 0-5 as iwasm's -v=LEVEL (2: warnings, the default)", logLevel)
  .option(
    "--native-lib <file>",
    "a JS module exporting natives { moduleName?, symbols: [{ name, signature, fn }] } (repeatable)",
    collect,
  )
  .option("--module-path <dir>", "find modules the program imports from as DIR/NAME.wasm (WAMR multi-module)")
  .option(
    "--disable-feature <name>",
    "reject modules using a WebAssembly feature, e.g. exceptions, tail-call, threads, multi-memory, memory64, relaxed-simd (repeatable)",
    collectDisabledFeature,
  )
  .option("--interp", "run in the interpreter (default: the AOT tier where the host allows code generation)")
  .option("--aot", "run in the AOT tier (JavaScript generated per function on its first call)")
  .argument("[file]", "the .wasm module")
  .argument("[args...]", "the program's arguments, or the function's with -f")
  .passThroughOptions()
  .action(async (file: string | undefined, args: string[], options: CliOptions) => {
    if (file === undefined) {
      program.help({ error: true });
      return;
    }
    if (options.interp && options.aot) throw new UsageError("--interp and --aot exclude each other");
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
        logLevel: options.verbose ?? 2,
        nativeLibs: options.nativeLib ?? [],
        tcpListen: options.tcplisten ?? [],
        modulePath: options.modulePath,
        features: featuresWithout(options.disableFeature),
        engine: options.interp ? "interpreter" : options.aot ? "aot" : "auto",
      },
      writeLine,
    );
    process.exitCode = code & 0xff;
  });

program
  .command("validate")
  .description("check that modules are well-formed and valid (each file; exit 1 if any is not)")
  .argument("<files...>", "the .wasm modules")
  .option(
    "--disable-feature <name>",
    "reject modules using this WebAssembly feature (repeatable)",
    collectDisabledFeature,
  )
  .action((files: string[], options: { disableFeature?: (keyof Features)[] }) => {
    const features = featuresWithout(options.disableFeature);
    let failed = false;
    for (const file of files) {
      try {
        validateWasm(readModuleFile(file), features);
        writeLine(`${file}: valid`);
      } catch (error) {
        // A file that cannot be read names itself; a module that does not load is named here.
        if (error instanceof UsageError) console.error(`microwasm: ${error.message}`);
        else {
          const message = describeLoadFailure(error);
          if (message === null) throw error;
          console.error(files.length > 1 ? message.replace("microwasm: ", `microwasm: ${file}: `) : message);
        }
        failed = true;
      }
    }
    if (failed) process.exitCode = 1;
  });

program
  .command("compile")
  .description(
    "compile a module ahead of time to an ES module (its functions as JavaScript), which " +
      "`microwasm OUT.mjs` runs without generating code",
  )
  .argument("<file>", "the .wasm module")
  .requiredOption("-o, --output <file>", "the ES module to write (.mjs)")
  .action((file: string, options: { output: string }) => {
    if (!options.output.endsWith(".mjs")) throw new UsageError("the output of compile is an .mjs file");
    compileToModule(readModuleFile(file), options.output);
  });

program
  .command("inspect")
  .description("show a module's sections, imports, exports and sizes, or with --internal its compiled code")
  .argument("<file>", "the .wasm module")
  .option("--internal", "print the interpreter's internal code (validates and compiles the module)")
  .option(
    "-f, --function <name>",
    "with --internal: only this function (export name, name-section name or index)",
  )
  .action((file: string, options: { internal?: boolean; function?: string }) => {
    const bytes = readModuleFile(file);
    if (options.internal) {
      writeLine(new Runtime().load(bytes).disassemble(options.function).trimEnd());
      return;
    }
    if (options.function !== undefined) throw new UsageError("-f goes with --internal");
    for (const line of inspectModule(file, bytes)) writeLine(line);
  });

program.addCommand(hostCommand());
program.addCommand(fleetCommand());

program
  .command("build-runtime")
  .description(
    "build a custom runtime into one script from a JSON configuration (see README: custom runtimes)",
  )
  .requiredOption("--config <file>", "the configuration (JSON)")
  .requiredOption("-o, --output <file>", "the script to write")
  .action(async (options: { config: string; output: string }) => {
    let text: string;
    try {
      text = readFileSync(options.config, "utf8");
    } catch {
      throw new UsageError(`cannot read ${options.config}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${options.config}: not JSON (${(error as Error).message})`);
    }
    // Loaded only for this command: the CLI's start stays as it was.
    const { parseRuntimeConfig, RuntimeConfigError } = await import("./runtime-config.js");
    const { buildRuntime } = await import("./build-runtime.js");
    try {
      writeFileSync(options.output, await buildRuntime(parseRuntimeConfig(json)));
    } catch (error) {
      if (error instanceof RuntimeConfigError) throw new UsageError(`runtime config: ${error.message}`);
      throw error;
    }
  });

program
  .command("help")
  .description("show this help, or a command's")
  .argument("[command]", "a command")
  .action((name: string | undefined) => {
    const command = program.commands.find((c) => c.name() === name);
    (command ?? program).outputHelp();
  });

// A reader that stops early (`microwasm inspect x.wasm | head -1`) closes the pipe: end quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// No top-level await: the bundle is a classic script (see bin/microwasm.cjs).
program.parseAsync(attachQueryArgument(process.argv)).catch((error: unknown) => {
  const failure = describeFailure(error) ?? describeLoadFailure(error);
  if (failure !== null) console.error(failure);
  else if (error instanceof UsageError) console.error(`microwasm: ${error.message}`);
  else if (error instanceof CompileError) console.error(`microwasm: ${error.message}`);
  else if (error instanceof RuntimeOptionsError) console.error(`microwasm: ${error.message}`);
  else console.error(`microwasm: internal error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
