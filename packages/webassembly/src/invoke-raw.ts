import { ValType } from "@microwasm/core";
import { invoke, type Value } from "@microwasm/interpreter";
import { functionInstanceOf, toJsValue, toWasmValue } from "./boundary.js";

/**
 * A microwasm extension beyond the JS API: calls an Exported Function with v128 values allowed,
 * as 16-byte `Uint8Array`s (little-endian lanes) both ways. Other values convert as in the JS
 * API. Always returns the results as an array. The spec test runner uses it for SIMD.
 */
export function invokeRaw(fn: (...args: unknown[]) => unknown, args: readonly unknown[]): unknown[] {
  const instance = functionInstanceOf(fn);
  if (!instance) throw new TypeError("invokeRaw needs a function exported by a microwasm instance");
  const { params, results } = instance.type;
  const wasmArgs: Value[] = params.map((type, i) =>
    type === ValType.v128 ? toV128(args[i]) : toWasmValue(args[i], type),
  );
  const out = invoke(instance, wasmArgs);
  return results.map((type, i) =>
    type === ValType.v128 ? (out[i] as Uint8Array).slice() : toJsValue(out[i]!, type),
  );
}

function toV128(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== 16)
    throw new TypeError("a v128 value must be a 16-byte Uint8Array");
  return value.slice();
}
