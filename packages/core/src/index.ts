/**
 * @microwasm/core: the vocabulary every other package speaks.
 * - value and function types (`ValType`, `FuncType`, limits, table/memory/global types)
 * - the decoded `Module` shape, with function bodies as pre-decoded `Code`
 * - the one opcode table (`opcodes`, `opcodeById`, `opId`) that all phases derive from
 * - `Features` switches
 * - typed errors: `CompileError` (malformed/invalid), `LinkError`, `RuntimeError` with a `Trap` kind
 * Nothing here throws except `opId` on an unknown name (a programming error).
 */

export * from "./errors.js";
export * from "./features.js";
export * from "./leb128.js";
export type * from "./module.js";
export { SegmentMode } from "./module.js";
export * from "./opcodes.js";
export * from "./opcodes-exceptions.js";
export * from "./types.js";
