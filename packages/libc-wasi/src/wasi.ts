import { type Clocks, hostClocks, sleepNs } from "./clocks.js";
import type { FileSystem } from "./filesystem.js";
import type { MemoryLike } from "./guest-memory.js";
import type { HostAccess } from "./host-access.js";
import { type WasiFunction, wasiImports } from "./import-object.js";
import { WASIExitError } from "./proc-exit.js";
import type { Socket } from "./socket.js";
import { bufferInput, type InputStream, type OutputStream, type TerminalInfo } from "./streams.js";
import { WasiContext } from "./wasi-context.js";
import {
  Filetype,
  RIGHTS_ALL,
  RIGHTS_DIRECTORY,
  RIGHTS_SOCKET,
  RIGHTS_STREAM,
  RIGHTS_TTY,
} from "./wasi-types.js";

export interface WASIOptions {
  /** Only "preview1" (the default) is supported. */
  readonly version?: "preview1";
  /** The guest's argv; args[0] is the program name. */
  readonly args?: readonly string[];
  /** The guest's environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Preopened directories: guest path → host directory (served by `NodeFileSystem`, confined
   * to it) or any `FileSystem` (e.g. a `MemoryFileSystem`). They get descriptors 3, 4, ...
   * in order.
   */
  readonly preopens?: Readonly<Record<string, string | FileSystem>>;
  /** Preopened sockets, after the directories. */
  readonly sockets?: readonly Socket[];
  /** true (default): `start` returns the exit code of proc_exit; false: the process exits with it. */
  readonly returnOnExit?: boolean;
  /** A host file descriptor (default 0, 1, 2) or a stream object. */
  readonly stdin?: number | (InputStream & TerminalInfo);
  readonly stdout?: number | (OutputStream & TerminalInfo);
  readonly stderr?: number | (OutputStream & TerminalInfo);
  /** The clocks the guest sees (default: the host's). */
  readonly clocks?: Clocks;
  /** Fills a buffer with random bytes (default: crypto.getRandomValues). */
  readonly randomFill?: (into: Uint8Array) => void;
  /**
   * Blocks the thread for `ns` nanoseconds when the guest waits on a clock (default: a real
   * sleep). A host with a deadline can return early: poll_oneoff then reports no expired
   * clock and the guest polls again, giving the host's limits a chance to stop it.
   */
  readonly sleep?: (ns: bigint) => void;
}

/** The exports WASI needs from an instance: its memory, and `_start` or `_initialize`. */
export interface WasiInstance {
  readonly exports: Record<string, unknown>;
}

const discardedOutput: OutputStream & TerminalInfo = { write() {} };

function requireType(ok: boolean, what: string): void {
  if (!ok) throw new TypeError(`WASI options: ${what}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * WASI preview1 for one guest, shaped like node:wasi's `WASI` class, but sandboxed: the guest
 * reaches only its preopened directories (no "..", absolute path or symbolic link gets out of
 * one) and its stdio. Works with any engine's WebAssembly (Node's own, or microwasm's
 * `@microwasm/webassembly`): `getImportObject()` gives plain functions that read the guest's
 * memory through the instance's exported `memory`.
 */
export class WasiBase {
  /** The `wasi_snapshot_preview1` functions. */
  readonly wasiImport: Record<string, WasiFunction>;
  private readonly context: WasiContext;
  private readonly returnOnExit: boolean;
  private started = false;

  /** @internal construct a `WASI` from either entry. */
  constructor(options: WASIOptions, host: HostAccess | null) {
    requireType(isObject(options), "must be an object");
    requireType(
      options.version === undefined || options.version === "preview1",
      'version must be "preview1"',
    );
    const args = options.args ?? [];
    requireType(
      Array.isArray(args) && args.every((a) => typeof a === "string"),
      "args must be an array of strings",
    );
    const env = options.env ?? {};
    requireType(isObject(env), "env must be an object");
    const envStrings: string[] = [];
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) continue;
      requireType(typeof value === "string", `env.${name} must be a string`);
      envStrings.push(`${name}=${value}`);
    }
    requireType(
      options.returnOnExit === undefined || typeof options.returnOnExit === "boolean",
      "returnOnExit must be a boolean",
    );
    this.returnOnExit = options.returnOnExit ?? true;
    const randomFill = options.randomFill ?? ((into: Uint8Array) => crypto.getRandomValues(into));

    this.context = new WasiContext(
      args,
      envStrings,
      options.clocks ?? hostClocks,
      randomFill,
      options.sleep ?? sleepNs,
    );
    const { fds } = this.context;

    const needHost = (what: string): HostAccess => {
      if (host === null)
        throw new TypeError(`WASI options: ${what} is on the host, and the portable entry has none`);
      return host;
    };
    // Without a host (the portable entry), omitted stdio is an empty input and discarded output.
    const stdin: number | (InputStream & TerminalInfo) =
      options.stdin ?? (host === null ? bufferInput("") : 0);
    const stdout: number | (OutputStream & TerminalInfo) =
      options.stdout ?? (host === null ? discardedOutput : 1);
    const stderr: number | (OutputStream & TerminalInfo) =
      options.stderr ?? (host === null ? discardedOutput : 2);
    const input = typeof stdin === "number" ? needHost(`stdin ${stdin}`).input(stdin) : stdin;
    requireType(
      isObject(input) && typeof input.read === "function",
      "stdin must be a descriptor or have read()",
    );
    for (const [name, output] of [
      ["stdout", stdout],
      ["stderr", stderr],
    ] as const) {
      requireType(
        typeof output === "number" || (isObject(output) && typeof output.write === "function"),
        `${name} must be a descriptor or have write()`,
      );
    }
    const stream = (terminal: TerminalInfo) => ({
      filetype: terminal.filetype ?? Filetype.characterDevice,
      rightsBase: terminal.isTerminal ? RIGHTS_TTY : RIGHTS_STREAM,
      rightsInheriting: 0,
      flags: 0,
    });
    fds.insert({ description: { kind: "stream", input, output: null }, ...stream(input) });
    for (const output of [stdout, stderr]) {
      const sink = typeof output === "number" ? needHost(`descriptor ${output}`).output(output) : output;
      fds.insert({ description: { kind: "stream", input: null, output: sink }, ...stream(sink) });
    }

    const preopens = options.preopens ?? {};
    requireType(isObject(preopens), "preopens must be an object");
    for (const [guestPath, target] of Object.entries(preopens)) {
      requireType(
        typeof target === "string" || (isObject(target) && typeof target.stat === "function"),
        `preopens["${guestPath}"] must be a host directory or a FileSystem`,
      );
      const fs = typeof target === "string" ? needHost(`directory ${target}`).directory(target) : target;
      fds.insert({
        description: { kind: "directory", fs, path: [], preopenName: guestPath, listing: null },
        filetype: Filetype.directory,
        rightsBase: RIGHTS_DIRECTORY,
        rightsInheriting: RIGHTS_ALL,
        flags: 0,
      });
    }
    for (const socket of options.sockets ?? []) {
      fds.insert({
        description: { kind: "socket", socket },
        filetype: Filetype.socketStream,
        rightsBase: RIGHTS_SOCKET,
        rightsInheriting: RIGHTS_SOCKET,
        flags: 0,
      });
    }
    this.wasiImport = wasiImports(this.context);
  }

  /** `{ wasi_snapshot_preview1: wasiImport }`, to pass to instantiation. */
  getImportObject(): { wasi_snapshot_preview1: Record<string, WasiFunction> } {
    return { wasi_snapshot_preview1: this.wasiImport };
  }

  /**
   * Runs a WASI command: calls its `_start`. Returns the exit code (0 when `_start` returns,
   * the code of proc_exit otherwise; with `returnOnExit: false` proc_exit ends the process).
   * Throws TypeError when the instance has no memory or `_start`, or exports `_initialize`;
   * traps propagate.
   */
  start(instance: WasiInstance): number {
    const exports = this.checkInstance(instance);
    const start = exports["_start"];
    if (typeof start !== "function") throw new TypeError("instance.exports._start is not a function");
    if (exports["_initialize"] !== undefined)
      throw new TypeError("instance.exports._initialize must not be exported by a command");
    this.begin(exports);
    try {
      start();
    } catch (error) {
      if (!(error instanceof WASIExitError)) throw error;
      if (this.returnOnExit) return error.code;
      process.exit(error.code);
    }
    return 0;
  }

  /** Sets up a WASI reactor: calls its `_initialize` when it has one. Throws TypeError for a command. */
  initialize(instance: WasiInstance): void {
    const exports = this.checkInstance(instance);
    if (exports["_start"] !== undefined)
      throw new TypeError("instance.exports._start must not be exported by a reactor");
    const init = exports["_initialize"];
    if (init !== undefined && typeof init !== "function") {
      throw new TypeError("instance.exports._initialize is not a function");
    }
    this.begin(exports);
    if (typeof init === "function") init();
  }

  /**
   * Gives the WASI functions the guest's memory without running anything: for embedders that
   * call a module's exports themselves (a command's other functions, a module whose `main`
   * is called directly). `start` and `initialize` do this for you.
   */
  attachMemory(memory: MemoryLike): void {
    this.context.memory.attach(memory);
  }

  /** The instance's exports, once checked: not started before, with a memory. */
  private checkInstance(instance: WasiInstance): Record<string, unknown> {
    if (!isObject(instance) || !isObject(instance.exports)) throw new TypeError("instance must have exports");
    if (this.started) throw new Error("WASI instance has already started");
    const memory = instance.exports["memory"];
    if (!isObject(memory) || !("buffer" in memory)) {
      throw new TypeError("instance.exports.memory must be a WebAssembly.Memory");
    }
    return instance.exports;
  }

  private begin(exports: Record<string, unknown>): void {
    this.context.memory.attach(exports["memory"] as MemoryLike);
    this.started = true;
  }
}
