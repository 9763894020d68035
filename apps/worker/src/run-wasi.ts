import { bufferInput, MemoryFileSystem, WASI } from "@microwasm/libc-wasi/portable";
import { WebAssembly } from "@microwasm/webassembly";

export interface RunWasiOptions {
  /** argv; args[0] is the program name (default ["main.wasm"]). */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Files put in the filesystem before the run: "/"-separated path → contents. */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** The filesystem preopened as "/" (default: a new one holding `files`). */
  readonly fs?: MemoryFileSystem;
  readonly stdin?: string | Uint8Array;
  /** Called with each chunk the guest writes, as it writes it. */
  readonly stdout?: (bytes: Uint8Array) => void;
  readonly stderr?: (bytes: Uint8Array) => void;
}

export interface RunWasiResult {
  /** `_start`'s exit code: 0 when it returns, proc_exit's code otherwise. */
  readonly exitCode: number;
  /** The filesystem after the run, to read files back. */
  readonly fs: MemoryFileSystem;
}

/**
 * Compiles and runs a WASI command on microwasm, its filesystem in memory under "/". Throws
 * `WebAssembly.CompileError` / `LinkError` / `RuntimeError` (a trap), TypeError for bad options.
 */
export function runWasi(wasm: ArrayBuffer | ArrayBufferView, options: RunWasiOptions = {}): RunWasiResult {
  const fs = options.fs ?? new MemoryFileSystem();
  for (const [path, contents] of Object.entries(options.files ?? {})) {
    const parent = path.split("/").slice(0, -1).join("/");
    if (parent !== "") fs.mkdirp(parent);
    fs.writeFile(path, contents);
  }
  const output = (sink: ((bytes: Uint8Array) => void) | undefined) => ({
    write: (bytes: Uint8Array) => sink?.(bytes.slice()),
  });
  const wasi = new WASI({
    version: "preview1",
    args: options.args ?? ["main.wasm"],
    env: options.env ?? {},
    preopens: { "/": fs },
    stdin: bufferInput(options.stdin ?? ""),
    stdout: output(options.stdout),
    stderr: output(options.stderr),
  });
  const module = new WebAssembly.Module(wasm);
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  return { exitCode: wasi.start(instance), fs };
}
