import { formatWasmStack } from "@microwasm/core";
import { createException, type ExceptionInstance, type Value } from "@microwasm/interpreter";
import { toJsValue, toWasmValue } from "./boundary.js";
import { bindException, setExceptionPrototype, wasmExceptionOf } from "./exception-bridge.js";
import { tagInstanceOf } from "./tag.js";
import { isObject, toDictionary, toU32EnforceRange } from "./webidl.js";

export interface ExceptionOptions {
  readonly traceStack?: boolean;
}

const stacks = new WeakMap<object, string>();

/**
 * `WebAssembly.Exception`: a wasm exception seen from JS: made by JS (and thrown into wasm by
 * throwing it from an imported function) or thrown by wasm to JS. The same exception keeps its
 * identity both ways.
 */
export class Exception {
  constructor(tag: unknown, payload: unknown, options?: ExceptionOptions) {
    const instance = tagInstanceOf(tag);
    if (instance === undefined) throw new TypeError("first argument must be a WebAssembly.Tag");
    if (!isObject(payload) || typeof (payload as Iterable<unknown>)[Symbol.iterator] !== "function") {
      throw new TypeError("payload must be a sequence");
    }
    const values = Array.from(payload as Iterable<unknown>);
    const params = instance.type.params;
    if (values.length !== params.length) {
      throw new TypeError(`the tag takes ${params.length} values, the payload has ${values.length}`);
    }
    const exn = createException(
      instance,
      values.map((v, i): Value => toWasmValue(v, params[i]!)),
    );
    bindException(this, exn);
    if (toDictionary(options, "Exception options")["traceStack"] === true) {
      stacks.set(this, new Error().stack?.replace(/^Error\n/, "") ?? "");
    }
  }

  /** Whether the exception's tag is `tag`. */
  is(tag: unknown): boolean {
    const instance = tagInstanceOf(tag);
    if (instance === undefined) throw new TypeError("argument must be a WebAssembly.Tag");
    return internalOf(this).tag === instance;
  }

  /** Payload value `index`, when the exception's tag is `tag`. */
  getArg(tag: unknown, index: unknown): unknown {
    const exn = internalOf(this);
    const instance = tagInstanceOf(tag);
    if (instance === undefined) throw new TypeError("first argument must be a WebAssembly.Tag");
    if (exn.tag !== instance) throw new TypeError("the exception's tag is another tag");
    const i = toU32EnforceRange(index, "index");
    const params = instance.type.params;
    if (i >= params.length) throw new RangeError(`index ${i} is out of the payload's range`);
    return toJsValue(exn.values[i]!, params[i]!);
  }

  /**
   * Where it was thrown: for one made with `traceStack: true`, the JS stack; for one thrown by
   * wasm, the wasm frames it left (as `RuntimeError`'s traces print them); else undefined.
   */
  get stack(): string | undefined {
    const stack = stacks.get(this);
    if (stack !== undefined) return stack;
    const frames = internalOf(this).wasmStack;
    return frames.length > 0 ? formatWasmStack(frames) : undefined;
  }

  get [Symbol.toStringTag](): string {
    return "WebAssembly.Exception";
  }
}

function internalOf(value: unknown): ExceptionInstance {
  const exn = wasmExceptionOf(value);
  if (exn === undefined) throw new TypeError("receiver is not a WebAssembly.Exception");
  return exn;
}

setExceptionPrototype(Exception.prototype);
