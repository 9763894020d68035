/** The per-instruction side tables of one body (see `ValidatedFunction`). */
export interface SideTables {
  readonly heights: Int32Array;
  readonly matchingEnd: Int32Array;
  readonly matchingElse: Int32Array;
  readonly operandType: Uint8Array;
}

/**
 * Side tables for a body of `count` instructions, as views into one `ArrayBuffer` (13 bytes per
 * instruction): heights, matchingEnd and matchingElse (int32, the last two starting as -1,
 * "none"), then operandType (uint8).
 */
export function allocateSideTables(count: number): SideTables {
  const buffer = new ArrayBuffer(count * 13);
  const matchingEnd = new Int32Array(buffer, count * 4, count).fill(-1);
  const matchingElse = new Int32Array(buffer, count * 8, count).fill(-1);
  return {
    heights: new Int32Array(buffer, 0, count),
    matchingEnd,
    matchingElse,
    operandType: new Uint8Array(buffer, count * 12, count),
  };
}
