import type { FunctionInstance } from "./function-instance.js";

/**
 * A value at the interpreter's boundary (arguments, results, globals, table elements):
 * i32 a number in signed int32 range, i64 a signed 64-bit bigint, f32/f64 a number,
 * funcref a `FunctionInstance` or null, externref any host value (null is the null reference).
 * v128 crosses as a 16-byte `Uint8Array` (copy).
 */
export type Value = number | bigint | Reference | Uint8Array;
export type Reference = FunctionInstance | ExternValue | null;
/** An opaque host value held by an externref. */
export type ExternValue = unknown;
