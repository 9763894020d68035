import { type FuncType, ValType } from "@microwasm/core";
import {
  createHostFunction,
  ExceptionInstance,
  type FunctionInstance,
  invoke,
  type Reference,
  type Value,
} from "@microwasm/interpreter";
import { toExceptionInstance, toJsException } from "./exception-bridge.js";
import { toNumber } from "./webidl.js";

/**
 * The JS API's value boundary: ToJSValue and ToWebAssemblyValue, Exported Functions (one JS
 * function per function instance, cached) and host functions made from JS callables.
 */

/** JS API value type names, as used by `Global` descriptors. */
export type ValueTypeName = "i32" | "i64" | "f32" | "f64" | "v128" | "externref" | "anyfunc" | "funcref";

const valueTypes: Record<string, ValType> = {
  i32: ValType.i32,
  i64: ValType.i64,
  f32: ValType.f32,
  f64: ValType.f64,
  v128: ValType.v128,
  externref: ValType.externref,
  anyfunc: ValType.funcref,
  funcref: ValType.funcref,
};

/** Parses a value type name; TypeError for anything else. */
export function toValueType(name: unknown): ValType {
  const type = typeof name === "string" ? valueTypes[name] : undefined;
  if (type === undefined) throw new TypeError(`invalid value type ${String(name)}`);
  return type;
}

/** DefaultValue(type): zero, null, and for externref the JS API's `undefined`. */
export function defaultValue(type: ValType): Value {
  switch (type) {
    case ValType.i64:
      return 0n;
    case ValType.funcref:
      return null;
    case ValType.externref:
      return undefined;
    case ValType.v128:
      return new Uint8Array(16);
    default:
      return 0;
  }
}

/** ToWebAssemblyValue. Throws a TypeError where the JS API does. */
export function toWasmValue(value: unknown, type: ValType): Value {
  switch (type) {
    case ValType.i32:
      return toNumber(value) | 0;
    case ValType.i64:
      return BigInt.asIntN(64, toBigInt(value));
    case ValType.f32:
      return Math.fround(toNumber(value));
    case ValType.f64:
      return toNumber(value);
    case ValType.funcref: {
      if (value === null) return null;
      const fn = typeof value === "function" ? functionInstances.get(value) : undefined;
      if (!fn) throw new TypeError("a funcref must be null or an exported WebAssembly function");
      return fn;
    }
    case ValType.exnref:
      throw new TypeError("exnref values cannot cross the JS API");
    case ValType.externref:
      // The interpreter keeps `undefined` distinct from the null reference (`null`).
      return value as Reference;
    default:
      throw new TypeError("v128 values cannot cross the JS API");
  }
}

/** ToJSValue. Throws a TypeError for v128. */
export function toJsValue(value: Value, type: ValType): unknown {
  switch (type) {
    case ValType.i32:
    case ValType.i64:
    case ValType.f32:
    case ValType.f64:
      return value;
    case ValType.funcref:
      return value === null ? null : exportedFunction(value as FunctionInstance);
    case ValType.externref:
      return value;
    case ValType.exnref:
      throw new TypeError("exnref values cannot cross the JS API");
    default:
      throw new TypeError("v128 values cannot cross the JS API");
  }
}

/** ECMAScript ToBigInt: a TypeError for numbers, undefined, null and symbols. */
function toBigInt(value: unknown): bigint {
  let v = value;
  if (typeof v === "object" && v !== null) v = toPrimitive(v);
  switch (typeof v) {
    case "bigint":
      return v;
    case "boolean":
      return v ? 1n : 0n;
    case "string":
      return BigInt(v); // SyntaxError for text that is not an integer, as ToBigInt does
    default:
      throw new TypeError(`cannot convert ${typeof v} to a BigInt`);
  }
}

function toPrimitive(o: object): unknown {
  const exotic = (o as { [Symbol.toPrimitive]?: unknown })[Symbol.toPrimitive];
  if (typeof exotic === "function") return exotic.call(o, "number");
  for (const method of ["valueOf", "toString"] as const) {
    const fn = (o as Record<string, unknown>)[method];
    if (typeof fn === "function") {
      const result: unknown = fn.call(o);
      if (typeof result !== "object" || result === null) return result;
    }
  }
  throw new TypeError("cannot convert object to primitive value");
}

// Exported Functions: one per function instance, so identity survives tables and re-exports.
const exportedFunctions = new WeakMap<FunctionInstance, ExportedFunction>();
const functionInstances = new WeakMap<object, FunctionInstance>();

export type ExportedFunction = (...args: unknown[]) => unknown;

/** The function instance behind an Exported Function, or undefined for any other value. */
export function functionInstanceOf(value: unknown): FunctionInstance | undefined {
  return typeof value === "function" ? functionInstances.get(value) : undefined;
}

/**
 * The Exported Function for `fn`, created on first use. Its `name` is the function's index
 * (`index` when the caller knows it, else the index the interpreter recorded) and its `length`
 * the number of parameters.
 */
export function exportedFunction(fn: FunctionInstance, index?: number): ExportedFunction {
  let exported = exportedFunctions.get(fn);
  if (exported) return exported;
  exported = (...args: unknown[]): unknown => callExported(fn, args);
  Object.defineProperty(exported, "name", { value: String(index ?? fn.index) });
  Object.defineProperty(exported, "length", { value: fn.type.params.length });
  exportedFunctions.set(fn, exported);
  functionInstances.set(exported, fn);
  return exported;
}

function callExported(fn: FunctionInstance, args: readonly unknown[]): unknown {
  const { params, results } = fn.type;
  if (hasV128(fn.type)) throw new TypeError("cannot call a function with v128 parameters or results from JS");
  const wasmArgs: Value[] = new Array(params.length);
  for (let i = 0; i < params.length; i++) wasmArgs[i] = toWasmValue(args[i], params[i]!);
  let out: Value[];
  try {
    out = invoke(fn, wasmArgs);
  } catch (e) {
    throw e instanceof ExceptionInstance ? toJsException(e) : e;
  }
  if (results.length === 0) return undefined;
  if (results.length === 1) return toJsValue(out[0]!, results[0]!);
  return results.map((type, i) => toJsValue(out[i]!, type));
}

/** A host function calling `callable` with JS values; multiple results come back as an iterable. */
export function hostFunction(
  callable: (...args: unknown[]) => unknown,
  type: FuncType,
  name?: string,
): FunctionInstance {
  const { params, results } = type;
  const v128 = hasV128(type);
  return createHostFunction(
    type,
    (args) => {
      if (v128) throw new TypeError("cannot call a JS function with v128 parameters or results");
      const jsArgs = new Array<unknown>(params.length);
      for (let i = 0; i < params.length; i++) jsArgs[i] = toJsValue(args[i]!, params[i]!);
      let ret: unknown;
      try {
        ret = Reflect.apply(callable, undefined, jsArgs);
      } catch (e) {
        throw toExceptionInstance(e);
      }
      if (results.length === 0) return [];
      if (results.length === 1) return [toWasmValue(ret, results[0]!)];
      const iterator =
        ret === null || ret === undefined ? undefined : (ret as Iterable<unknown>)[Symbol.iterator];
      if (typeof iterator !== "function")
        throw new TypeError("a host function with several results must return an iterable");
      const values = Array.from(ret as Iterable<unknown>);
      if (values.length !== results.length) {
        throw new TypeError(`a host function returned ${values.length} values, expected ${results.length}`);
      }
      return values.map((v, i) => toWasmValue(v, results[i]!));
    },
    name,
  );
}

export function hasV128(type: FuncType): boolean {
  return type.params.includes(ValType.v128) || type.results.includes(ValType.v128);
}
