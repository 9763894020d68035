import { readFileSync } from "node:fs";
import { UsageError } from "./usage-error.js";

/** Reads a module file; a missing or unreadable file is a one-line `UsageError`. */
export function readModuleFile(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (code ?? "unreadable");
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
}
