import { MAX_PAGES } from "@microwasm/core";
import { MemoryInstance } from "@microwasm/interpreter";
import { toDictionary, toU32EnforceRange } from "./webidl.js";

export interface MemoryDescriptor {
  readonly initial: number;
  readonly maximum?: number;
  readonly shared?: boolean;
}

const instances = new WeakMap<object, MemoryInstance>();
const wrappers = new WeakMap<MemoryInstance, Memory>();

/** `WebAssembly.Memory`: a linear memory; `buffer` is replaced (the old one detached) on growth. */
export class Memory {
  constructor(descriptor: MemoryDescriptor) {
    const d = toDictionary(descriptor, "Memory descriptor");
    const initialValue = d["initial"] ?? d["minimum"];
    if (initialValue === undefined) throw new TypeError("Memory descriptor needs an initial size");
    const initial = toU32EnforceRange(initialValue, "initial");
    const maximum = d["maximum"] === undefined ? undefined : toU32EnforceRange(d["maximum"], "maximum");
    if (initial > MAX_PAGES)
      throw new RangeError(`initial memory size ${initial} exceeds ${MAX_PAGES} pages`);
    if (maximum !== undefined && maximum > MAX_PAGES) {
      throw new RangeError(`maximum memory size ${maximum} exceeds ${MAX_PAGES} pages`);
    }
    if (maximum !== undefined && maximum < initial)
      throw new RangeError("maximum memory size is less than initial");
    if (d["shared"]) throw new TypeError("shared memories are not supported");
    bind(this, new MemoryInstance({ limits: { min: initial, max: maximum }, shared: false }));
  }

  get buffer(): ArrayBuffer {
    return memoryOf(this).buffer;
  }

  /** Grows by `delta` pages; returns the old size in pages. RangeError when it cannot. */
  grow(delta: number): number {
    const memory = memoryOf(this);
    const pages = toU32EnforceRange(delta, "delta");
    const old = memory.grow(pages);
    if (old === -1) throw new RangeError("WebAssembly.Memory.grow(): maximum memory size exceeded");
    return old;
  }

  get [Symbol.toStringTag](): string {
    return "WebAssembly.Memory";
  }
}

function bind(wrapper: Memory, memory: MemoryInstance): void {
  instances.set(wrapper, memory);
  wrappers.set(memory, wrapper);
}

function memoryOf(value: unknown): MemoryInstance {
  const memory = memoryInstanceOf(value);
  if (!memory) throw new TypeError("receiver is not a WebAssembly.Memory");
  return memory;
}

/** The store memory behind a `Memory`, or undefined for any other value. */
export function memoryInstanceOf(value: unknown): MemoryInstance | undefined {
  return typeof value === "object" && value !== null ? instances.get(value) : undefined;
}

/** The one `Memory` object for a store memory (the JS API's memory object cache). */
export function wrapMemory(memory: MemoryInstance): Memory {
  let wrapper = wrappers.get(memory);
  if (!wrapper) {
    wrapper = Object.create(Memory.prototype) as Memory;
    bind(wrapper, memory);
  }
  return wrapper;
}
