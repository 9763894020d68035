import { ValType } from "@microwasm/core";
import { fail } from "./invalid.js";
import type { ModuleContext } from "./module-context.js";
import type { OperandStack } from "./operand-stack.js";

/**
 * Typing of the memory instructions that name a 64-bit memory (memory64): where the table's
 * signature has the i32 address (and size) of a 32-bit memory, such a memory has i64. Only
 * these take this path; everything on 32-bit memories is typed from the table as before.
 *
 * `sig` is the op's fixed signature from the table (params then results, value type bytes).
 */
export function applyMemory64(
  vals: OperandStack,
  ctx: ModuleContext,
  name: string,
  sig: Uint8Array,
  start: number,
  params: number,
  results: number,
  memory: number,
  srcMemory: number,
): void {
  const I64 = ValType.i64;
  const types = Array.from(sig.subarray(start, start + params + results));
  const dst64 = ctx.memory64[memory] === 1;
  switch (name) {
    case "memory.size":
      types[0] = I64;
      break;
    case "memory.grow":
      types[0] = I64;
      types[1] = I64;
      break;
    case "memory.fill":
      types[0] = I64;
      types[2] = I64;
      break;
    case "memory.init":
      types[0] = I64;
      break;
    case "memory.copy": {
      const src64 = ctx.memory64[srcMemory] === 1;
      if (dst64) types[0] = I64;
      if (src64) types[1] = I64;
      if (dst64 && src64) types[2] = I64;
      break;
    }
    default:
      // Loads, stores, lane accesses and atomics: the address comes first.
      if (dst64) types[0] = I64;
  }
  for (let i = params - 1; i >= 0; i--) vals.popExpect(types[i]!);
  for (let i = 0; i < results; i++) vals.push(types[params + i]!);
}

/** A memarg's offset (low and high words) must fit a 32-bit memory's address space. */
export function checkOffset(ctx: ModuleContext, memory: number, offsetHigh: number): void {
  if (offsetHigh !== 0 && ctx.memory64[memory] !== 1) fail("offset out of range");
}
