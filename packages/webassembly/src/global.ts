import { ValType } from "@microwasm/core";
import { GlobalInstance } from "@microwasm/interpreter";
import { defaultValue, toJsValue, toValueType, toWasmValue, type ValueTypeName } from "./boundary.js";
import { toDictionary } from "./webidl.js";

export interface GlobalDescriptor {
  readonly value: ValueTypeName;
  readonly mutable?: boolean;
}

const instances = new WeakMap<object, GlobalInstance>();
const wrappers = new WeakMap<GlobalInstance, Global>();

/** `WebAssembly.Global`: a global variable shared between JS and any number of instances. */
export class Global {
  constructor(descriptor: GlobalDescriptor, value?: unknown) {
    const d = toDictionary(descriptor, "Global descriptor");
    const mutable = Boolean(d["mutable"]);
    const type = toValueType(d["value"]);
    if (type === ValType.v128) throw new TypeError("a v128 Global cannot be created from JS");
    const init = value === undefined ? defaultValue(type) : toWasmValue(value, type);
    bind(this, new GlobalInstance({ type, mutable }, init));
  }

  get value(): unknown {
    const global = globalOf(this);
    return toJsValue(global.value, global.type.type);
  }

  set value(v: unknown) {
    const global = globalOf(this);
    if (!global.type.mutable) throw new TypeError("cannot set the value of an immutable global");
    global.value = toWasmValue(v, global.type.type);
  }

  valueOf(): unknown {
    return this.value;
  }

  get [Symbol.toStringTag](): string {
    return "WebAssembly.Global";
  }
}

function bind(wrapper: Global, global: GlobalInstance): void {
  instances.set(wrapper, global);
  wrappers.set(global, wrapper);
}

function globalOf(value: unknown): GlobalInstance {
  const global = globalInstanceOf(value);
  if (!global) throw new TypeError("receiver is not a WebAssembly.Global");
  return global;
}

/** The store global behind a `Global`, or undefined for any other value. */
export function globalInstanceOf(value: unknown): GlobalInstance | undefined {
  return typeof value === "object" && value !== null ? instances.get(value) : undefined;
}

/** The one `Global` object for a store global. */
export function wrapGlobal(global: GlobalInstance): Global {
  let wrapper = wrappers.get(global);
  if (!wrapper) {
    wrapper = Object.create(Global.prototype) as Global;
    bind(wrapper, global);
  }
  return wrapper;
}
