/**
 * @microwasm/allocator: where the runtime's bytes come from.
 *
 * - `MemoryPool(size)` / `MemoryPool.system()`: a byte budget (WAMR's `Alloc_With_Pool` /
 *   `System_Allocator`). `reserve(bytes)` answers false, taking nothing, when the bytes do not
 *   fit; `release(bytes)` gives them back (more than is in use: `RangeError`). `account()` opens
 *   a `PoolAccount`, a sub-ledger that `close()` empties in one go.
 * - `AppHeap(memory, base, size)`: malloc/free/realloc inside linear memory, 8-byte aligned,
 *   coalescing, with headers in linear memory checked against a record the app cannot reach.
 *   Never throws once built: failures return 0/false, and `corrupted` tells a scribbled heap.
 */

export { AppHeap, type AppHeapStats, type HeapMemory } from "./app-heap.js";
export { MemoryPool, PoolAccount } from "./memory-pool.js";
