import { type FuncType, ValType } from "@microwasm/core";
import { TagInstance } from "@microwasm/interpreter";
import { toValueType, type ValueTypeName } from "./boundary.js";
import { toDictionary } from "./webidl.js";

export interface TagDescriptor {
  readonly parameters: readonly ValueTypeName[];
}

const instances = new WeakMap<object, TagInstance>();
const wrappers = new WeakMap<TagInstance, Tag>();

/** `WebAssembly.Tag`: an exception tag, matched by identity; importable and exportable. */
export class Tag {
  constructor(descriptor: TagDescriptor) {
    const d = toDictionary(descriptor, "Tag descriptor");
    const parameters = d["parameters"];
    if (parameters === undefined || parameters === null || typeof parameters !== "object") {
      throw new TypeError("a Tag descriptor needs a parameters sequence");
    }
    const params = Array.from(parameters as Iterable<unknown>, toValueType);
    bind(this, new TagInstance({ params, results: [] }));
  }

  get [Symbol.toStringTag](): string {
    return "WebAssembly.Tag";
  }
}

function bind(tag: Tag, instance: TagInstance): void {
  instances.set(tag, instance);
  wrappers.set(instance, tag);
}

/** The tag instance behind a `Tag`, or undefined for any other value. */
export function tagInstanceOf(value: unknown): TagInstance | undefined {
  return typeof value === "object" && value !== null ? instances.get(value) : undefined;
}

/** The `Tag` for an instance (exported from wasm), created on first use so identity holds. */
export function wrapTag(instance: TagInstance): Tag {
  let tag = wrappers.get(instance);
  if (tag === undefined) {
    tag = Object.create(Tag.prototype) as Tag;
    bind(tag, instance);
  }
  return tag;
}

const jsTagType: FuncType = { params: [ValType.externref], results: [] };

/**
 * `WebAssembly.JSTag`: the tag of JS exceptions inside wasm. A JS exception thrown into wasm
 * (by an imported JS function) is a wasm exception of this tag with the JS value as payload,
 * so `catch_all` (and `catch` of this tag) catch it; leaving wasm, it is the JS value again.
 */
export const jsTagInstance = new TagInstance(jsTagType);
export const JSTag: Tag = wrapTag(jsTagInstance);
