import { type MemoryType, OPCODE_ID_LIMIT, opcodes, PREFIX_FE_BASE } from "@microwasm/core";

/**
 * Which memory instructions the compiler sends down the general memory path
 * (execute-memory.ts): those naming a memory other than 0, those on a 64-bit memory (memory64)
 * and every atomic one. The rest keep the loop's inline cases, unchanged.
 */

const Kind = {
  none: 0,
  memarg: 1,
  memargLane: 2,
  memory: 3,
  memoryInit: 4,
  memoryCopy: 5,
  fence: 6,
} as const;

/** `Kind` per opcode id, from the opcode table's immediates. */
const memoryKind = new Uint8Array(OPCODE_ID_LIMIT);
for (const info of opcodes) {
  const kind =
    info.imm === "memarg"
      ? Kind.memarg
      : info.imm === "memargLane"
        ? Kind.memargLane
        : info.imm === "memory" && info.name.startsWith("memory.")
          ? Kind.memory
          : info.imm === "memoryInit"
            ? Kind.memoryInit
            : info.imm === "memoryCopy"
              ? Kind.memoryCopy
              : info.imm === "zero" && info.id >= PREFIX_FE_BASE
                ? Kind.fence
                : Kind.none;
  memoryKind[info.id] = kind;
}

/** The general path's immediates: memory, memory2, offset low, offset high, aux (lane or data segment). */
export type MemoryPathImmediates = readonly [number, number, number, number, number];

const fence: MemoryPathImmediates = [0, 0, 0, 0, 0];

/**
 * The immediates of the instruction at `ops[at]` when it takes the general path; null when
 * it keeps its inline case (or is no memory instruction).
 */
export function memoryPathImmediates(
  op: number,
  ops: Int32Array,
  at: number,
  memories: readonly MemoryType[],
): MemoryPathImmediates | null {
  const kind = memoryKind[op]!;
  if (kind === Kind.none) return null;
  const atomic = op >= PREFIX_FE_BASE;
  const general = (memory: number): boolean => atomic || memory !== 0 || memories[memory]?.is64 === true;
  switch (kind) {
    case Kind.memarg:
    case Kind.memargLane: {
      const memory = ops[at + 1]!;
      if (!general(memory)) return null;
      return [memory, memory, ops[at + 3]!, ops[at + 4]!, kind === Kind.memargLane ? ops[at + 5]! : 0];
    }
    case Kind.memory:
      return general(ops[at + 1]!) ? [ops[at + 1]!, ops[at + 1]!, 0, 0, 0] : null;
    case Kind.memoryInit:
      return general(ops[at + 2]!) ? [ops[at + 2]!, ops[at + 2]!, 0, 0, ops[at + 1]!] : null;
    case Kind.memoryCopy:
      return general(ops[at + 1]!) || general(ops[at + 2]!) ? [ops[at + 1]!, ops[at + 2]!, 0, 0, 0] : null;
    default:
      return fence;
  }
}
