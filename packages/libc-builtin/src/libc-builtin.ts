import type { NativeSymbol } from "@microwasm/native";
import { ctypeNatives } from "./ctype-natives.js";
import { type OutputSink, stdioNatives } from "./stdio-natives.js";
import { stdlibNatives } from "./stdlib-natives.js";
import { stringNatives } from "./string-natives.js";
import { timeNatives } from "./time-natives.js";

/** The module name WAMR registers its builtin libc under. */
export const LIBC_BUILTIN_MODULE = "env";

export interface LibcBuiltinOptions {
  /** Where printf, puts and putchar write (default: the process's standard output). */
  readonly stdout?: OutputSink;
}

function processStdout(bytes: Uint8Array): void {
  const stdout = (globalThis as { process?: { stdout?: { write(b: Uint8Array): unknown } } }).process?.stdout;
  stdout?.write(bytes);
}

/** WAMR's builtin libc natives (a new array each call, so it can be unregistered on its own). */
export function libcBuiltinNatives(options: LibcBuiltinOptions = {}): NativeSymbol[] {
  return [
    ...stdioNatives(options.stdout ?? processStdout),
    ...stringNatives,
    ...stdlibNatives,
    ...ctypeNatives,
    ...timeNatives,
  ];
}
