/**
 * @microwasm/worker: what `microwasm.js` puts on `globalThis.microwasm`.
 *
 * - `WebAssembly`: the standard JS API over microwasm's interpreter (installed as
 *   `globalThis.WebAssembly` too where the engine has none).
 *   stdin, stdout, stderr, returnOnExit })`, `getImportObject()`, `start(instance)` → exit code),
 *   over `FileSystem`s such as `MemoryFileSystem` and stream objects (`{ write(bytes) }`).
 * - `MemoryFileSystem`: an in-memory filesystem, filled and read back from JS with
 *   `writeFile(path, text | bytes)`, `readFile(path)` → bytes, `mkdirp(path)`.
 * - `CollectedOutput` (an output stream to read back as `text()`), `bufferInput(text | bytes)`
 *   (a stdin), `WASIExitError`, `runWasi(bytes, options)` (all of it in one call).
 */

export {
  bufferInput,
  CollectedOutput,
  MemoryFileSystem,
  WASI,
  WASIExitError,
} from "@microwasm/libc-wasi/portable";
export { WebAssembly } from "@microwasm/webassembly";
export { type RunWasiOptions, type RunWasiResult, runWasi } from "./run-wasi.js";
