import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

// This file is one level below the package root both as source (src/) and built (dist/).
const cDir = fileURLToPath(new URL("../c/", import.meta.url));

/** Where the C side of the SDK lives in this package. */
export const sdkFiles = {
  /** `wasm_app.h`, `wa-inc/*.h`, `bi-inc/*.h`: WAMR's app headers. */
  includeDir: `${cDir}include`,
  /** The libc-builtin headers (`stdio.h`, `string.h`, ...) apps compile against. */
  sysrootIncludeDir: `${cDir}sysroot/include`,
  /** The app library's sources, compiled with every app. */
  libraryDir: `${cDir}lib`,
  /** The natives an app may leave undefined (imported from "env"): wasm-ld's allow list. */
  definedSymbols: `${cDir}share/defined-symbols.txt`,
  /** The AssemblyScript library. */
  assemblyDir: fileURLToPath(new URL("../assembly/", import.meta.url)),
} as const;

/** The app library's C sources (absolute paths). */
export function librarySources(): string[] {
  return readdirSync(sdkFiles.libraryDir)
    .filter((name) => name.endsWith(".c"))
    .sort()
    .map((name) => `${sdkFiles.libraryDir}/${name}`);
}
