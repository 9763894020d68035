import { createLaneViews, executeSimd, type MemoryInstance } from "@microwasm/interpreter";

/**
 * What compiled SIMD code uses at run time (simd-source.ts). A v128 is four int32 words in JS
 * variables; lanes that need a float view go through scratch cells, and every operation not
 * written inline runs as the interpreter's own code on those cells (`simd`), so both tiers
 * give the same bits from the same implementation.
 */

/**
 * Scratch cells, in four slots of four: operands at cells 0, 4 and 8, the result at cell 12
 * (`simdCode` lays out instructions so). `VS` is their Int32Array view, `VF` the Float32Array
 * and `VD` the Float64Array view of the same bytes.
 */
const views = createLaneViews(new ArrayBuffer(64));
export const VS = views.i32;
export const VF = views.f32;
export const VD = views.f64;

/** Words 1 to 3 of a function's one v128 result (word 0 is its return value), read right away. */
export const VR = new Int32Array(3);

/**
 * Runs one SIMD instruction of the interpreter's internal code (`code`, built by `simdCode`)
 * over the scratch cells; `memory` is memory 0 for the lane loads and stores, else unused.
 * Traps as the interpreter does (a lane access out of bounds writes nothing).
 */
export function simd(code: Int32Array, memory: MemoryInstance | null): void {
  executeSimd(code, 0, 0, views, memory as MemoryInstance);
}
