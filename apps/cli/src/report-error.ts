import { CompileError, formatWasmStack, LinkError, RuntimeError, type WasmFrame } from "@microwasm/core";
import { ExceptionInstance, ResourceError, WasmException } from "@microwasm/runtime";

/** Frames shown from the innermost and from the outermost end of a deep stack. */
const INNERMOST_FRAMES = 20;
const OUTERMOST_FRAMES = 5;

/** The wasm stack trace; a deep one (runaway recursion) shows both ends and how much was left out. */
function formatStack(frames: readonly WasmFrame[]): string {
  if (frames.length <= INNERMOST_FRAMES + OUTERMOST_FRAMES + 1) return formatWasmStack(frames);
  const inner = formatWasmStack(frames).split("\n");
  const skipped = frames.length - INNERMOST_FRAMES - OUTERMOST_FRAMES;
  return [
    ...inner.slice(0, INNERMOST_FRAMES),
    `  ... ${skipped} more frames ...`,
    ...inner.slice(inner.length - OUTERMOST_FRAMES),
  ].join("\n");
}

/**
 * How a failure of the guest is shown, as iwasm shows it: `Exception: <message>` and, for a
 * trap or an uncaught wasm exception, the wasm stack trace (innermost first). Null for errors
 * that are not the guest's.
 */
export function describeFailure(error: unknown): string | null {
  if (!(error instanceof WasmException)) return null;
  const cause = error.cause;
  const frames = cause instanceof RuntimeError || cause instanceof ExceptionInstance ? cause.wasmStack : [];
  const stack = frames.length > 0 ? `\n${formatStack(frames)}` : "";
  return `${error.message}${stack}`;
}

/** The one line for a module that cannot be loaded or linked, or null for other errors. */
export function describeLoadFailure(error: unknown): string | null {
  if (error instanceof CompileError) return `microwasm: WASM module load failed: ${error.message}`;
  if (error instanceof LinkError) return `microwasm: WASM module instantiate failed: ${error.message}`;
  if (error instanceof ResourceError) return `microwasm: ${error.message}`;
  return null;
}
