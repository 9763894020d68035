/**
 * Typed errors, one class per phase, named as in the JS API so the `webassembly` package can
 * expose them directly. Messages use the spec test suite's wording.
 */

/** Why a module was rejected: malformed (cannot be decoded) or invalid (fails validation). */
export type CompileErrorKind = "malformed" | "invalid";

export class CompileError extends Error {
  override name = "CompileError";
  constructor(
    /** The spec's reason, e.g. "unexpected end" or "type mismatch". */
    readonly reason: string,
    readonly kind: CompileErrorKind,
    /** Byte offset in the module binary, when known. */
    readonly offset?: number,
    detail?: string,
  ) {
    super(formatCompileMessage(reason, offset, detail));
  }
}

function formatCompileMessage(
  reason: string,
  offset: number | undefined,
  detail: string | undefined,
): string {
  const where = offset === undefined ? "" : ` (at byte 0x${offset.toString(16)})`;
  return detail ? `${reason}: ${detail}${where}` : `${reason}${where}`;
}

export class LinkError extends Error {
  override name = "LinkError";
  constructor(
    /** The spec's reason: "unknown import" or "incompatible import type". */
    readonly reason: string,
    detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
  }
}

/** Trap reasons and their messages, exactly as the spec test suite words them. */
export const Trap = {
  unreachable: "unreachable",
  integerDivideByZero: "integer divide by zero",
  integerOverflow: "integer overflow",
  invalidConversion: "invalid conversion to integer",
  memoryOutOfBounds: "out of bounds memory access",
  tableOutOfBounds: "out of bounds table access",
  undefinedElement: "undefined element",
  uninitializedElement: "uninitialized element",
  indirectCallTypeMismatch: "indirect call type mismatch",
  callStackExhausted: "call stack exhausted",
  nullReference: "null reference",
  instructionLimit: "instruction limit exceeded",
  timeout: "execution timed out",
  terminated: "terminated",
  hostError: "host error",
  unalignedAtomic: "unaligned atomic",
  expectedSharedMemory: "expected shared memory",
} as const;
export type TrapKind = keyof typeof Trap;

/** One frame of a wasm stack trace, innermost first. */
export interface WasmFrame {
  readonly funcIndex: number;
  readonly name: string | undefined;
  /** Byte offset of the trapping instruction (or call site) in the module, when known. */
  readonly offset: number | undefined;
}

export class RuntimeError extends Error {
  override name = "RuntimeError";
  wasmStack: readonly WasmFrame[] = [];
  constructor(
    readonly trap: TrapKind,
    detail?: string,
  ) {
    super(detail ? `${Trap[trap]} ${detail}` : Trap[trap]);
  }
}

/** Renders a wasm stack trace the way `Error.stack` renders JS frames. */
export function formatWasmStack(frames: readonly WasmFrame[]): string {
  return frames
    .map((f, depth) => {
      const name = f.name ?? `$f${f.funcIndex}`;
      const at = f.offset === undefined ? "" : `:0x${f.offset.toString(16)}`;
      return `  #${String(depth).padStart(2, "0")} ${name} (wasm-function[${f.funcIndex}]${at})`;
    })
    .join("\n");
}
