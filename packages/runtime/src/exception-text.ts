import { RuntimeError, Trap } from "@microwasm/core";
import { ExceptionInstance } from "@microwasm/interpreter";
import { ExceptionRaised } from "./errors.js";

/** What `getException` puts before the message, as WAMR does. */
export const EXCEPTION_PREFIX = "Exception: ";

/** WAMR's exception messages for the interpreter's traps, where they differ from the spec's. */
const wamrTrapText: Partial<Record<keyof typeof Trap, string>> = {
  callStackExhausted: "wasm operand stack overflow",
  terminated: "terminated by user",
};

/**
 * The exception message (without the prefix) for what ended a call: a trap in WAMR's words, a
 * wasm exception nothing caught as WAMR's "uncaught wasm exception", a JS stack overflow as
 * "native stack overflow", anything else a native threw as "host error: ...".
 */
export function exceptionMessageOf(error: unknown): string {
  if (error instanceof RuntimeError) return wamrTrapText[error.trap] ?? Trap[error.trap];
  if (error instanceof ExceptionInstance) return "uncaught wasm exception";
  if (error instanceof RangeError && /call stack/i.test(error.message)) return "native stack overflow";
  if (error instanceof ExceptionRaised) return error.message;
  return `host error: ${error instanceof Error ? error.message : String(error)}`;
}
