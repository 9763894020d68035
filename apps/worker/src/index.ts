/**
 * @microwasm/worker: what `microwasm.js` puts on `globalThis.microwasm`.
 *
 * - `WebAssembly`: the standard JS API over microwasm (installed as `globalThis.WebAssembly` too
 *   where the engine has none), running modules in the AOT tier where the engine lets code be
 *   generated from strings, else in the interpreter.
 * - `createWebAssembly({ engine, features })`: a namespace with another tier ("interpreter",
 *   "aot", "auto") or other features.
 * - `WASI`: node:wasi's class (`new WASI({ version: "preview1", args, env, preopens,
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
export { createWebAssembly, WebAssembly } from "@microwasm/webassembly";
export { type RunWasiOptions, type RunWasiResult, runWasi } from "./run-wasi.js";
