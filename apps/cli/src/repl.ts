import type { ModuleInstance } from "@microwasm/runtime";
import { LineReader } from "./line-reader.js";
import { describeFailure } from "./report-error.js";
import { writeStdoutSync } from "./stdout-sync.js";

/**
 * iwasm's `--repl`: prompts `webassembly> `, runs `FUNC ARG...` lines and prints results as
 * `-f` does, until `__exit__` (which prints "exit repl mode") or the end of input. A failing
 * command prints its exception and the REPL goes on. In a function name `\` stands for a
 * space, as in iwasm. Output is written synchronously, so the REPL ends when its reader goes.
 */
export function runRepl(instance: ModuleInstance): void {
  const lines = new LineReader();
  const write = (text: string) => writeStdoutSync(`${text}\n`);
  for (;;) {
    if (!writeStdoutSync("webassembly> ")) return;
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
      if (!write(instance.executeFunction(name, words.slice(1)))) return;
    } catch (error) {
      const failure = describeFailure(error);
      if (failure === null) throw error;
      if (!write(failure)) return;
    }
  }
}
