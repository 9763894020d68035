import type { Features } from "@microwasm/core";

/** What `microwasm [options] <file> [args...]` was asked to do (validated by the CLI parser). */
export interface RunOptions {
  readonly file: string;
  /** Arguments after the file: the program's argv[1..], or the function's arguments with `-f`. */
  readonly args: readonly string[];
  readonly functionName: string | undefined;
  readonly repl: boolean;
  /** Preopened directories: guest path → host path. */
  readonly preopens: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  /** Interpreter value stack in bytes (undefined: the default). */
  readonly stackSize: number | undefined;
  readonly heapSize: number;
  readonly timeoutMs: number | undefined;
  /** iwasm's log level: 2 (warnings, the default) shows unlinked imports; 3 and up also what was loaded. */
  readonly logLevel: number;
  /** `--tcplisten` addresses: listening sockets preopened after the directories. */
  readonly tcpListen: readonly string[];
  /** JS modules exporting natives (`--native-lib`). */
  readonly nativeLibs: readonly string[];
  /** Where other wasm modules named by imports are found, as NAME.wasm (`--module-path`). */
  readonly modulePath: string | undefined;
  /** The features modules may use (`--disable-feature` turns some off). */
  readonly features: Features;
}
