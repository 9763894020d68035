import { opcodes, PREFIX_FD_BASE } from "@microwasm/core";
import type { ValidatedFunction } from "@microwasm/validator";
import type { ModuleShape } from "./function-source.js";

/** Opcode ids the translator handles (function-source.ts, simd-source.ts): WebAssembly 2.0 and relaxed SIMD. */
const supported = new Uint8Array(0x400);
for (let id = 0x00; id <= 0x11; id++) if (id < 0x06 || id > 0x0a) supported[id] = 1;
for (const id of [0x1a, 0x1b, 0x1c, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0xd0, 0xd1, 0xd2])
  supported[id] = 1;
for (let id = 0x28; id <= 0xc4; id++) supported[id] = 1;
for (let id = 0x100; id <= 0x111; id++) supported[id] = 1;
for (const info of opcodes) if (info.prefix === 0xfd) supported[PREFIX_FD_BASE + info.code] = 1;

/** Memory instructions (memarg, memory.size/grow and the bulk ones) and where their memory index is. */
const memargIds = new Set<number>();
for (let id = 0x28; id <= 0x3e; id++) memargIds.add(id);
for (const info of opcodes) {
  if (info.prefix === 0xfd && (info.imm === "memarg" || info.imm === "memargLane")) {
    memargIds.add(PREFIX_FD_BASE + info.code);
  }
}

/**
 * Deepest nesting of blocks, loops and ifs translated. Each is a nested JS statement, and V8's
 * parser recurses on them: some 2,000 levels overflow Node's stack when parsed at the top of it
 * (Go's dispatch functions in esbuild.wasm nest thousands of blocks), and translation runs
 * lazily, possibly deep in a call chain: deeper functions run in the interpreter.
 */
const MAX_NESTING = 400;

/**
 * Whether the translator compiles `fn`: every instruction is one it handles, on memory 0 with
 * 32-bit addresses, and blocks nest at most `MAX_NESTING` deep. Later proposals' functions run
 * in the interpreter over the same store.
 */
export function isTranslatable(fn: ValidatedFunction, shape: ModuleShape): boolean {
  const { ops, starts, count } = fn.code;
  let depth = 0;
  for (let n = 0; n < count; n++) {
    const at = starts[n]!;
    const op = ops[at]!;
    if (op === 0x02 || op === 0x03 || op === 0x04) {
      if (++depth > MAX_NESTING) return false;
    } else if (op === 0x0b) depth--;
    if (op >= 0x400 || supported[op] !== 1) return false;
    if (memargIds.has(op) && (ops[at + 1] !== 0 || shape.memory0Is64)) return false;
    if (shape.memory0Is64 && (op === 0x3f || op === 0x40 || op === 0x108 || op === 0x10a || op === 0x10b))
      return false;
    if ((op === 0x3f || op === 0x40 || op === 0x10b) && ops[at + 1] !== 0) return false;
    if ((op === 0x108 && ops[at + 2] !== 0) || (op === 0x10a && (ops[at + 1] !== 0 || ops[at + 2] !== 0)))
      return false;
  }
  return true;
}
