import { CompileError, formatWasmStack, LinkError, RuntimeError } from "@microwasm/core";
import { GuestAbortError } from "./guest-abort.js";

/**
 * How a failure of the guest is shown: `Exception: <message>` and, for a trap, the wasm
 * stack trace (innermost first). Null for errors that are not the guest's.
 */
export function describeFailure(error: unknown): string | null {
  if (error instanceof RuntimeError) {
    const stack = error.wasmStack.length > 0 ? `\n${formatWasmStack(error.wasmStack)}` : "";
    return `Exception: ${error.message}${stack}`;
  }
  if (error instanceof GuestAbortError) return `Exception: ${error.message}`;
  return null;
}

/** The one line for a module that cannot be loaded or linked, or null for other errors. */
export function describeLoadFailure(error: unknown): string | null {
  if (error instanceof CompileError) {
    return `microwasm: WASM module load failed: ${error.message}`;
  }
  if (error instanceof LinkError) return `microwasm: WASM module instantiate failed: ${error.message}`;
  return null;
}
