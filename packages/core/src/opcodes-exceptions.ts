import type { Feature } from "./features.js";
import type { Imm } from "./opcodes.js";

/**
 * The WebAssembly 3.0 rows of the single-byte opcode space for exception handling (the final
 * `try_table`/`throw_ref` form and the legacy `try`/`catch`/`delegate` form toolchains still
 * emit) and tail calls. All are typed by the validator itself (`sig` null).
 */
export const exceptionAndTailCallRows: readonly (readonly [
  code: number,
  name: string,
  imm: Imm,
  sig: null,
  feature: Feature,
])[] = [
  [0x06, "try", "blockType", null, "exceptions"],
  [0x07, "catch", "tag", null, "exceptions"],
  [0x08, "throw", "tag", null, "exceptions"],
  [0x09, "rethrow", "label", null, "exceptions"],
  [0x0a, "throw_ref", "none", null, "exceptions"],
  [0x12, "return_call", "func", null, "tailCall"],
  [0x13, "return_call_indirect", "callIndirect", null, "tailCall"],
  [0x18, "delegate", "label", null, "exceptions"],
  [0x19, "catch_all", "none", null, "exceptions"],
  [0x1f, "try_table", "tryTable", null, "exceptions"],
];

/** The catch clause kinds of `try_table`, by their binary encoding. */
export const CatchKind = { catch: 0, catchRef: 1, catchAll: 2, catchAllRef: 3 } as const;
export type CatchKind = (typeof CatchKind)[keyof typeof CatchKind];
