/**
 * @microwasm/libc-wasi/portable: the same WASI for workers and browsers, importing nothing from
 * Node. `WASI` options then take `FileSystem`s (e.g. `MemoryFileSystem`) and stream objects
 * only; a host descriptor or directory in them is a TypeError. Omitted stdio is an empty
 * stdin and discarded stdout/stderr.
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
export type { WasiFunction } from "./import-object.js";
export { MemoryFileSystem } from "./memory-filesystem.js";
export { MemorySocket, MemorySocketListener } from "./memory-socket.js";
export { WASI } from "./portable-wasi.js";
export { WASIExitError } from "./proc-exit.js";
export { isWasiFunctionType, type WasiSignature, type WasiValueType, wasiSignatures } from "./signatures.js";
export type { Socket } from "./socket.js";
export {
  bufferInput,
  CollectedOutput,
  type InputStream,
  type OutputStream,
  type TerminalInfo,
} from "./streams.js";
export type { WASIOptions, WasiInstance } from "./wasi.js";
export { WasiError } from "./wasi-error.js";
export { Clockid, Filetype, Rights } from "./wasi-types.js";
