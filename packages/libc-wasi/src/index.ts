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
 * - `wasiSignatures`: the wasm type of every function, for linkers that check imports;
 *   `isWasiFunctionType(name, params, results)` checks an import's type against it.
 * - `@microwasm/libc-wasi/portable`: all of this but `NodeFileSystem`, `hostInput` and
 *   `hostOutput`, importing nothing from Node (workers, browsers).
 * - `listenTcp("HOST:PORT")` (Node entry only): a listening TCP socket to preopen in
 *   `sockets` (wasmtime's `--tcplisten`); its calls block the guest as WASI requires, through a
 *   helper worker thread and `Atomics.wait`.
 * - `WASIExitError` is what proc_exit throws through the guest; `WasiError` carries an errno
 *   for custom filesystems, streams and sockets to throw.
 */
export { hostInput, hostOutput } from "./host-fd-streams.js";
export { NodeFileSystem } from "./node-filesystem.js";
// The Node entry's WASI, which reaches the host, takes the place of the portable one.
export { WASI } from "./node-wasi.js";
export * from "./portable.js";
export { listenTcp, TcpListener, type TcpOptions } from "./tcp-socket.js";
