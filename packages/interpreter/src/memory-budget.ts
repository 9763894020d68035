/**
 * A byte budget that store objects draw from when they allocate (the embedder's memory pool).
 * `reserve` answers whether the bytes could be had; nothing is taken when it answers false.
 */
export interface MemoryBudget {
  reserve(bytes: number): boolean;
  release(bytes: number): void;
}
