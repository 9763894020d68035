import * as fs from "node:fs";
import { createRequire } from "node:module";
import type { InputStream, OutputStream, TerminalInfo } from "./streams.js";
import { Filetype } from "./wasi-types.js";

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Retries an operation that a non-blocking host descriptor refuses with EAGAIN. */
function retryingAgain<T>(operation: () => T): T {
  for (;;) {
    try {
      return operation();
    } catch (error) {
      if ((error as { code?: string }).code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

let isatty: ((fd: number) => boolean) | undefined;

/**
 * Whether `fd` is a terminal. Only character devices are asked, and node:tty is loaded then:
 * loading it was a tenth of a WASI hello world's start when its output goes to a pipe or file.
 */
function isTerminal(fd: number, filetype: number): boolean {
  if (filetype !== Filetype.characterDevice) return false;
  isatty ??= (createRequire(import.meta.url)("node:tty") as typeof import("node:tty")).isatty;
  return isatty(fd);
}

/**
 * What the guest is told a host descriptor is: a terminal or other character device, a
 * regular file (redirected), a socket, or, for a pipe, which WASI has no type for, unknown.
 */
function hostFiletype(fd: number): number {
  try {
    const stats = fs.fstatSync(fd);
    if (stats.isCharacterDevice()) return Filetype.characterDevice;
    if (stats.isFile()) return Filetype.regularFile;
    if (stats.isSocket()) return Filetype.socketStream;
    return Filetype.unknown;
  } catch {
    return Filetype.unknown;
  }
}

/** The host's file descriptor `fd` (0 for the process's stdin) as a guest input stream. */
export function hostInput(fd: number): InputStream & TerminalInfo {
  const filetype = hostFiletype(fd);
  return {
    isTerminal: isTerminal(fd, filetype),
    filetype,
    read(into) {
      if (into.length === 0) return 0;
      try {
        return retryingAgain(() => fs.readSync(fd, into, 0, into.length, null));
      } catch (error) {
        if ((error as { code?: string }).code === "EOF") return 0;
        throw error;
      }
    },
  };
}

/** The host's file descriptor `fd` (1, 2 for the process's stdout, stderr) as a guest output. */
export function hostOutput(fd: number): OutputStream & TerminalInfo {
  const filetype = hostFiletype(fd);
  return {
    isTerminal: isTerminal(fd, filetype),
    filetype,
    write(from) {
      let offset = 0;
      while (offset < from.length) {
        offset += retryingAgain(() => fs.writeSync(fd, from, offset, from.length - offset));
      }
    },
  };
}
