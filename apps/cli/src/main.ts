#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { CompileError, formatWasmStack, LinkError, RuntimeError } from "@microwasm/core";
import { Command } from "commander";
import { loadModule } from "./load-module.js";
import { runExportedFunction, UsageError } from "./run-function.js";

const program = new Command()
  .name("microwasm")
  .description("Run a WebAssembly module's exported function")
  .version("0.1.0")
  .argument("<file>", "the .wasm module")
  .argument("[args...]", "arguments for the function")
  .option("-f, --function <name>", "exported function to call (default: the first argument after the file)")
  .action((file: string, args: string[], options: { function?: string }) => {
    let name = options.function;
    if (name === undefined) {
      name = args.shift();
      if (name === undefined)
        throw new UsageError("name the function to call: microwasm <file> <function> [args...]");
    }
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new UsageError(`cannot read ${file}`);
    }
    const instance = loadModule(bytes);
    for (const line of runExportedFunction(instance, name, args)) console.log(line);
  });

try {
  program.parse();
} catch (error) {
  if (error instanceof RuntimeError) {
    console.error(`Exception: ${error.message}`);
    if (error.wasmStack.length > 0) console.error(formatWasmStack(error.wasmStack));
  } else if (error instanceof CompileError || error instanceof LinkError || error instanceof UsageError) {
    console.error(`microwasm: ${error.message}`);
  } else {
    throw error;
  }
  process.exitCode = 1;
}
