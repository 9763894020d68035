import type { ExecStack, ModuleInstance } from "@microwasm/interpreter";
import { LineReader } from "./line-reader.js";
import { describeFailure } from "./report-error.js";
import { runExportedFunction } from "./run-function.js";

/**
 * iwasm's `--repl`: prompts `webassembly> `, runs `FUNC ARG...` lines and prints results as
 * `-f` does, until `__exit__` (which prints "exit repl mode") or the end of input. A failing
 * command prints its exception and the REPL goes on. In a function name `\` stands for a
 * space, as in iwasm.
 */
export function runRepl(instance: ModuleInstance, stack: ExecStack, write: (text: string) => void): void {
  const lines = new LineReader();
  for (;;) {
    process.stdout.write("webassembly> ");
    const line = lines.next();
    if (line === null) return;
    if (line === "") continue;
    if (line === "__exit__") {
      write("exit repl mode");
      return;
    }
    const words = line.split(" ").filter((w) => w !== "");
    if (words.length === 0) continue;
    const name = words[0]!.replaceAll("\\", " ");
    try {
      write(runExportedFunction(instance, name, words.slice(1), stack));
    } catch (error) {
      const failure = describeFailure(error);
      if (failure === null) throw error;
      write(failure);
    }
  }
}
