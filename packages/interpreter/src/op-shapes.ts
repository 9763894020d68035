import { OPCODE_ID_LIMIT, opcodeById } from "@microwasm/core";

/**
 * Operator shapes of the wasm ops the compiler translates from the opcode table alone (their
 * decoded signatures), and which keep their wasm id as internal op:
 *   unary / conversion: [op, dst, a]      binary / compare: [op, dst, a, b]
 *   load: [op, dst, addr, offset]         store: [op, addr, value, offset]
 *   simd: see simd/simd-code.ts           special: translated one by one (compile-function.ts)
 */
export const Shape = { special: 0, unary: 1, binary: 2, load: 3, store: 4, nullary: 5, simd: 6 } as const;

/** `Shape` per opcode id. */
export const opShape = new Uint8Array(OPCODE_ID_LIMIT);
/** Result type per opcode id (0 for none). */
export const opResult = new Uint8Array(OPCODE_ID_LIMIT);
/** Operand count per opcode id (read for SIMD ops). */
export const opParams = new Uint8Array(OPCODE_ID_LIMIT);

for (let id = 0; id < OPCODE_ID_LIMIT; id++) {
  const info = opcodeById(id);
  if (info === undefined || info.params === null || info.results === null) continue;
  const { params, results } = info;
  opResult[id] = results.length > 0 ? results[0]! : 0;
  opParams[id] = params.length;
  // Atomics always take the general memory path (compile-memory.ts): no shape of their own.
  if (info.prefix === 0xfe) continue;
  if (info.prefix === 0xfd) opShape[id] = Shape.simd;
  else if (info.imm === "memarg") opShape[id] = results.length > 0 ? Shape.load : Shape.store;
  else if (info.imm !== "none" || results.length !== 1) continue;
  else if (params.length === 1) opShape[id] = Shape.unary;
  else if (params.length === 2) opShape[id] = Shape.binary;
  else if (params.length === 0) opShape[id] = Shape.nullary;
}
