/**
 * Exact WebAssembly numerics that the interpreter's hot loop calls out to: i64 arithmetic on
 * int32 cell pairs (low word first), float/integer conversions and the float operations JS
 * lacks. All are allocation-free and take only numbers and `Int32Array`s. Traps are thrown as
 * `RuntimeError` ("integerDivideByZero", "integerOverflow", "invalidConversion"); each
 * function's comment says which.
 */

export * from "./conversions.js";
export * from "./float.js";
export * from "./i64.js";
