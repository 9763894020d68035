/**
 * @microwasm/libc-wasi: WASI preview1 (`wasi_snapshot_preview1`), complete and sandboxed.
 *
 * - `WASI`: node:wasi's class shape (`args`, `env`, `preopens`, `returnOnExit`, `stdin`,
 *   `stdout`, `stderr`, `getImportObject()`, `wasiImport`, `start()`, `initialize()`), for any
 *   engine's WebAssembly. `start` returns the exit code; traps and host errors propagate.
 *   `attachMemory(memory)` (an extension) serves a guest whose exports the embedder calls itself.
 *   The constructor throws TypeError for malformed options, Error for a preopen that is not a
 *   readable host directory.
 * - Filesystems are pluggable (`FileSystem`): `NodeFileSystem` (a host directory, confined to
 *   it) and `MemoryFileSystem`. Path resolution, symbolic links included, is done by this
 *   package, so no guest path leaves its preopen: escapes fail with ENOTCAPABLE.
 * - Every guest pointer and length is bounds-checked: a bad one is EFAULT.
 * - `wasiSignatures`: the wasm type of every function, for linkers that check imports.
 * - `WASIExitError` is what proc_exit throws through the guest; `WasiError` carries an errno
 *   for custom filesystems, streams and sockets to throw.
 */
export { type Clocks, hostClocks, sleepNs } from "./clocks.js";
export { Errno, type ErrnoName, errnoDescriptions } from "./errno.js";
export type {
  DirEntry,
  FileHandle,
  FileSystem,
  Filestat,
  OpenFileOptions,
  Path,
  TimesUpdate,
} from "./filesystem.js";
export type { MemoryLike } from "./guest-memory.js";
export { hostInput, hostOutput } from "./host-fd-streams.js";
export type { WasiFunction } from "./import-object.js";
export { MemoryFileSystem } from "./memory-filesystem.js";
export { MemorySocket, MemorySocketListener } from "./memory-socket.js";
export { NodeFileSystem } from "./node-filesystem.js";
export { WASIExitError } from "./proc-exit.js";
export { type WasiSignature, type WasiValueType, wasiSignatures } from "./signatures.js";
export type { Socket } from "./socket.js";
export {
  bufferInput,
  CollectedOutput,
  type InputStream,
  type OutputStream,
  type TerminalInfo,
} from "./streams.js";
export { WASI, type WASIOptions, type WasiInstance } from "./wasi.js";
export { WasiError } from "./wasi-error.js";
export { Clockid, Filetype, Rights } from "./wasi-types.js";
