import { RuntimeError } from "@microwasm/core";
import { createException, ExceptionInstance, type Value } from "@microwasm/interpreter";
import { jsTagInstance } from "./tag.js";

/**
 * Exceptions crossing between JS and wasm, both ways. An `Exception` and its wasm exception
 * keep each other's identity; the maps are here, apart from the class, so that the value
 * boundary can use them without importing the class (which imports the boundary).
 */

const internals = new WeakMap<object, ExceptionInstance>();
const wrappers = new WeakMap<ExceptionInstance, object>();
let exceptionPrototype: object = Object.prototype;

/** @internal Called once by exception.ts: the prototype of the wrappers made for wasm's exceptions. */
export function setExceptionPrototype(prototype: object): void {
  exceptionPrototype = prototype;
}

/** @internal Pairs an `Exception` with its wasm exception. */
export function bindException(wrapper: object, exn: ExceptionInstance): void {
  internals.set(wrapper, exn);
  wrappers.set(exn, wrapper);
}

/** The wasm exception behind an `Exception`, or undefined for any other value. */
export function wasmExceptionOf(value: unknown): ExceptionInstance | undefined {
  return typeof value === "object" && value !== null ? internals.get(value) : undefined;
}

/**
 * What a wasm exception leaving wasm becomes for JS: the JS value itself when it is a JS
 * exception that went through wasm, else its `Exception` (the same object every time).
 */
export function toJsException(exn: ExceptionInstance): unknown {
  if (exn.tag === jsTagInstance) return exn.values[0];
  let wrapper = wrappers.get(exn);
  if (wrapper === undefined) {
    wrapper = Object.create(exceptionPrototype) as object;
    bindException(wrapper, exn);
  }
  return wrapper;
}

/**
 * What a JS exception entering wasm (thrown by an imported JS function) becomes: the wasm
 * exception of an `Exception`, or one of `JSTag` holding any other value. Traps and JS stack
 * overflows (`RangeError`) stay as they are: wasm cannot catch those.
 */
export function toExceptionInstance(error: unknown): unknown {
  if (error instanceof ExceptionInstance || error instanceof RuntimeError || error instanceof RangeError) {
    return error;
  }
  return wasmExceptionOf(error) ?? createException(jsTagInstance, [error as Value]);
}
