import { MAX_PAGES, MAX_PAGES_64, type MemoryType } from "@microwasm/core";
import { MemoryInstance } from "@microwasm/interpreter";
import { toDictionary, toU32EnforceRange } from "./webidl.js";

export interface MemoryDescriptor {
  readonly initial: number | bigint;
  readonly maximum?: number | bigint;
  /** A shared memory (threads): its buffer is a `SharedArrayBuffer`; needs a maximum. */
  readonly shared?: boolean;
  /** "i64" for a 64-bit memory (memory64); sizes may then be bigints. */
  readonly index?: "i32" | "i64";
}

/** A page count of a descriptor or `grow`: u32, or u64 (number or bigint) for a 64-bit memory. */
function toPages(value: unknown, what: string, is64: boolean): number {
  if (!is64) return toU32EnforceRange(value, what);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGES_64) throw new TypeError(`${what} must be a page count`);
  return n;
}

const instances = new WeakMap<object, MemoryInstance>();
const wrappers = new WeakMap<MemoryInstance, Memory>();

/** `WebAssembly.Memory`: a linear memory; `buffer` is replaced (the old one detached) on growth. */
export class Memory {
  constructor(descriptor: MemoryDescriptor) {
    const d = toDictionary(descriptor, "Memory descriptor");
    const initialValue = d["initial"] ?? d["minimum"];
    if (initialValue === undefined) throw new TypeError("Memory descriptor needs an initial size");
    const index = d["index"] === undefined ? "i32" : String(d["index"]);
    if (index !== "i32" && index !== "i64")
      throw new TypeError(`Memory descriptor index ${index} is not i32 or i64`);
    const is64 = index === "i64";
    const initial = toPages(initialValue, "initial", is64);
    const maximum = d["maximum"] === undefined ? undefined : toPages(d["maximum"], "maximum", is64);
    const limit = is64 ? MAX_PAGES_64 : MAX_PAGES;
    if (initial > limit) throw new RangeError(`initial memory size ${initial} exceeds ${limit} pages`);
    if (maximum !== undefined && maximum > limit) {
      throw new RangeError(`maximum memory size ${maximum} exceeds ${limit} pages`);
    }
    if (maximum !== undefined && maximum < initial)
      throw new RangeError("maximum memory size is less than initial");
    const shared = Boolean(d["shared"]);
    if (shared && maximum === undefined) throw new TypeError("a shared memory needs a maximum");
    const type: MemoryType = { limits: { min: initial, max: maximum }, shared, ...(is64 ? { is64 } : {}) };
    bind(this, new MemoryInstance(type));
  }

  /**
   * A microwasm extension: the shared memory whose buffer is `buffer` (`memory.buffer` of a
   * shared `Memory`, posted to this worker), with the descriptor it was created with. Native
   * engines post the `Memory` itself; a polyfill's objects cannot be cloned, so post these two.
   */
  static fromSharedBuffer(buffer: SharedArrayBuffer, descriptor: MemoryDescriptor): Memory {
    if (!(buffer instanceof SharedArrayBuffer)) throw new TypeError("expected a SharedArrayBuffer");
    const d = toDictionary(descriptor, "Memory descriptor");
    const is64 = d["index"] === "i64";
    const maximum = toPages(d["maximum"], "maximum", is64);
    const initial = buffer.byteLength / 65536;
    const type: MemoryType = {
      limits: { min: initial, max: maximum },
      shared: true,
      ...(is64 ? { is64 } : {}),
    };
    const wrapper = Object.create(Memory.prototype) as Memory;
    bind(wrapper, new MemoryInstance(type, undefined, buffer));
    return wrapper;
  }

  /** The memory's bytes: an `ArrayBuffer`, or for a shared memory its `SharedArrayBuffer`. */
  get buffer(): ArrayBuffer {
    const memory = memoryOf(this);
    return memory.shared !== null ? (memory.shared as unknown as ArrayBuffer) : memory.buffer;
  }

  /** Grows by `delta` pages; returns the old size in pages. RangeError when it cannot. */
  grow(delta: number): number {
    const memory = memoryOf(this);
    const pages = toPages(delta, "delta", memory.type.is64 === true);
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
