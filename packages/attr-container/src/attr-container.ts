import type * as z from "zod/mini";
import { AttrContainerError } from "./attr-container-error.js";
import { AttrType, type AttrTypeName, attrTypeName } from "./attr-type.js";
import {
  type AttrValue,
  type AttrValueByType,
  check,
  inferType,
  keySchema,
  tagSchema,
  typeNameSchema,
  valueSchemas,
} from "./attr-value.js";
import { beforeNul, cString, encodeUtf8, exactString, isWellFormed } from "./c-string.js";
import { type ConversionMode, unionBytes } from "./conversion.js";
import { encodeAttr } from "./encode-attr.js";
import { type AttrJson, attrsFromJson, type FromJsonOptions, jsonValue } from "./host-tool-json.js";
import {
  type AttrSlot,
  FLAG_BLOCKS_SET,
  FLAG_READ_ONLY,
  FLAGS_OFFSET,
  type Layout,
  MAX_U16,
  MAX_U32,
  readLayout,
  SLACK,
  TAG_LENGTH_OFFSET,
  TAG_OFFSET,
  TOTAL_LENGTH_OFFSET,
} from "./layout.js";

/** One attribute as iteration gives it. */
export interface Attr {
  readonly key: string;
  readonly type: AttrTypeName;
  readonly value: AttrValue;
}

/**
 * A WAMR attr_container. The object owns the container's bytes exactly as WAMR lays them out
 * in memory (flags, total_length, tag, attribute count, attributes, slack) and every operation
 * edits them the way `attr_container_*` does, so the bytes, slack included, match what WAMR
 * would hold after the same calls.
 */
export class AttrContainer implements Iterable<[string, AttrValue]> {
  #bytes: Uint8Array;
  #layout: Layout;
  /** The first attribute of each key whose bytes are valid UTF-8; rebuilt after a change. */
  #index: Map<string, AttrSlot> | undefined;
  /** Whether some key is not valid UTF-8, so that a miss in the index needs a byte scan. */
  #oddKeys = false;

  /** `attr_container_create(tag)`: an empty container with WAMR's 100 bytes of slack. */
  constructor(tag = "") {
    const tagBytes = encodeUtf8(check(tagSchema, tag, "tag"));
    const tagLength = tagBytes.length + 1;
    const bytes = new Uint8Array(TAG_OFFSET + tagLength + SLACK);
    const view = new DataView(bytes.buffer);
    view.setUint32(TOTAL_LENGTH_OFFSET, bytes.length - TOTAL_LENGTH_OFFSET, true);
    view.setUint16(TAG_LENGTH_OFFSET, tagLength, true);
    bytes.set(tagBytes, TAG_OFFSET);
    this.#bytes = bytes;
    this.#layout = readLayout(bytes);
  }

  /**
   * A container from its bytes (a fmt 99 payload, or a container in an app's memory). Reads
   * 2 + total_length bytes and ignores any after them; the bytes are copied. Throws
   * `AttrContainerError` with the offset of the first malformed field.
   */
  static fromBytes(bytes: Uint8Array): AttrContainer {
    const layout = readLayout(bytes);
    const container = new AttrContainer();
    // A copy in its own buffer (Buffer#slice would share the input's memory).
    container.#bytes = new Uint8Array(bytes.subarray(0, layout.end));
    container.#layout = layout;
    return container;
  }

  /** host_tool's json2attr (see `attrsFromJson`): a container tagged "" built by WAMR's sets. */
  static fromJSON(json: unknown, options?: FromJsonOptions): AttrContainer {
    const container = new AttrContainer("");
    for (const attr of attrsFromJson(json, options)) container.set(attr.key, attr.value, attr.type);
    return container;
  }

  /** The tag, up to its first NUL (`attr_container_get_tag`). */
  get tag(): string {
    const length = new DataView(this.#bytes.buffer).getUint16(TAG_LENGTH_OFFSET, true);
    return cString(this.#bytes.subarray(TAG_OFFSET, TAG_OFFSET + length));
  }

  /** The attribute count (`attr_container_get_attr_num`). */
  get size(): number {
    return this.#layout.attrs.length;
  }

  /** Whether the read-only flag is set (`attr_container_is_constant`); it does not block `set`. */
  get readOnly(): boolean {
    return (this.#bytes[FLAGS_OFFSET]! & FLAG_READ_ONLY) !== 0;
  }

  /** 2 + total_length, slack included (`attr_container_get_serialize_length`). */
  get byteLength(): number {
    return this.#layout.end;
  }

  /**
   * `attr_container_set_*`: adds the attribute after the others, or replaces the one with this
   * key. A replacement of the same size stays in place; one of another size is moved to the
   * end (the attributes after it move up, as WAMR's memmove does). When the slack is too small
   * the container grows by the attribute's size plus 100 bytes.
   *
   * Without `type`, the type is inferred (see `inferType`): an integer number in int32's range
   * is int32, another number double, a bigint int64 (uint64 above int64's range), then bool,
   * string, bytearray. Throws `AttrContainerError` "invalidArgument" for an empty key, a key or
   * string with a NUL or over 65534 bytes, or a value outside its type; "readOnly" when flags
   * bit 1 is set (what WAMR's check tests); "tooLarge" past 65535 attributes or 4 GiB.
   */
  set<T extends AttrTypeName>(key: string, value: AttrValueByType[T], type: T): this;
  set(key: string, value: AttrValue): this;
  set(key: string, value: AttrValue, type?: AttrTypeName): this {
    const validKey = check(keySchema, key, "key");
    if ((this.#bytes[FLAGS_OFFSET]! & FLAG_BLOCKS_SET) !== 0) throw new AttrContainerError("readOnly");
    const typeName = type === undefined ? inferType(value) : check(typeNameSchema, type, "type");
    const schema: z.ZodMiniType<AttrValueByType[AttrTypeName]> = valueSchemas[typeName];
    const valid = check(schema, value, `"${key}" as ${typeName}`);
    this.#place(encodeAttr(validKey, typeName, valid));
    return this;
  }

  #place(attr: Uint8Array): void {
    const { end, attrEnd, attrNumOffset } = this.#layout;
    const bytes = this.#bytes;
    // Sets scan the key bytes, as WAMR does: the index would be rebuilt after every set.
    const keyLength = new DataView(attr.buffer).getUint16(0, true) - 1;
    const found = this.#find(attr.subarray(2, 2 + keyLength));
    if (found) {
      const oldLength = found.end - found.start;
      if (oldLength === attr.length) {
        bytes.set(attr, found.start);
      } else if (oldLength + end - attrEnd >= attr.length) {
        // What follows moves up over the old attribute; bytes past the new end stay as they were.
        bytes.copyWithin(found.start, found.end, attrEnd);
        bytes.set(attr, found.start + attrEnd - found.end);
      } else {
        this.#grow(attr.length, (grown) => {
          grown.set(bytes.subarray(0, found.start));
          grown.set(bytes.subarray(found.end, attrEnd), found.start);
          grown.set(attr, found.start + attrEnd - found.end);
        });
      }
    } else {
      const count = this.#layout.attrs.length;
      if (count === MAX_U16)
        throw new AttrContainerError("tooLarge", "a container holds at most 65535 attributes");
      if (end - attrEnd >= attr.length) {
        bytes.set(attr, attrEnd);
      } else {
        this.#grow(attr.length, (grown) => {
          grown.set(bytes.subarray(0, attrEnd));
          grown.set(attr, attrEnd);
        });
      }
      new DataView(this.#bytes.buffer).setUint16(attrNumOffset, count + 1, true);
    }
    this.#layout = readLayout(this.#bytes);
    this.#index = undefined;
  }

  /**
   * Moves to a new buffer total_length + attrLength + 100 long, as WAMR reallocates: `fill`
   * copies the old bytes over (flags and header included), then total_length is set. WAMR's
   * malloc leaves the new slack uninitialised; here it is zero.
   */
  #grow(attrLength: number, fill: (grown: Uint8Array) => void): void {
    const total = this.#layout.end - TOTAL_LENGTH_OFFSET + attrLength + SLACK;
    if (total > MAX_U32) throw new AttrContainerError("tooLarge", "total_length would pass 4 GiB");
    const grown = new Uint8Array(TOTAL_LENGTH_OFFSET + total);
    fill(grown);
    new DataView(grown.buffer).setUint32(TOTAL_LENGTH_OFFSET, total, true);
    this.#bytes = grown;
  }

  /**
   * The first attribute with this key, as WAMR's byte comparison finds it; the key ends at its
   * first NUL, as in C. Keys that are valid UTF-8 are looked up in a map (decoding and encoding
   * such keys is one-to-one); others, and strings that are not well-formed, by comparing bytes.
   */
  #lookup(key: string): AttrSlot | undefined {
    const cKey = beforeNul(key);
    const index = this.#index ?? this.#buildIndex();
    const slot = index.get(cKey);
    if (slot || (!this.#oddKeys && isWellFormed(cKey))) return slot;
    return this.#find(encodeUtf8(cKey));
  }

  /** The first attribute whose key has these bytes (without the NUL). */
  #find(key: Uint8Array): AttrSlot | undefined {
    const bytes = this.#bytes;
    outer: for (const slot of this.#layout.attrs) {
      if (slot.keyLength !== key.length) continue;
      for (let i = 0; i < key.length; i++) if (bytes[slot.keyStart + i] !== key[i]) continue outer;
      return slot;
    }
    return undefined;
  }

  #buildIndex(): Map<string, AttrSlot> {
    const index = new Map<string, AttrSlot>();
    this.#oddKeys = false;
    for (const slot of this.#layout.attrs) {
      const key = exactString(this.#bytes.subarray(slot.keyStart, slot.keyStart + slot.keyLength));
      if (key === undefined) this.#oddKeys = true;
      else if (!index.has(key)) index.set(key, slot);
    }
    this.#index = index;
    return index;
  }

  /** `attr_container_contain_key`: false for the empty key. */
  has(key: string): boolean {
    return key !== "" && this.#lookup(key) !== undefined;
  }

  /** The stored type of `key`, or undefined when absent. */
  typeOf(key: string): AttrTypeName | undefined {
    const slot = this.#lookup(key);
    return slot && attrTypeName(slot.type);
  }

  /** The value as stored (int64/uint64 as bigint), or undefined when absent. */
  get(key: string): AttrValue | undefined {
    const slot = this.#lookup(key);
    return slot && this.#value(slot);
  }

  #value(slot: AttrSlot): AttrValue {
    const view = new DataView(this.#bytes.buffer, this.#bytes.byteOffset + slot.value, slot.valueLength);
    switch (slot.type) {
      case AttrType.int8:
        return view.getInt8(0);
      case AttrType.int16:
        return view.getInt16(0, true);
      case AttrType.int32:
        return view.getInt32(0, true);
      case AttrType.int64:
        return view.getBigInt64(0, true);
      case AttrType.uint8:
        return view.getUint8(0);
      case AttrType.uint16:
        return view.getUint16(0, true);
      case AttrType.uint32:
        return view.getUint32(0, true);
      case AttrType.uint64:
        return view.getBigUint64(0, true);
      case AttrType.float:
        return view.getFloat32(0, true);
      case AttrType.double:
        return view.getFloat64(0, true);
      case AttrType.bool:
        return view.getUint8(0) !== 0;
      case AttrType.string:
        return this.#cString(slot);
      default:
        return this.#extent(slot);
    }
  }

  #extent(slot: AttrSlot): Uint8Array {
    return this.#bytes.slice(slot.value, slot.value + slot.valueLength);
  }

  #cString(slot: AttrSlot): string {
    return cString(this.#bytes.subarray(slot.value, slot.value + slot.valueLength));
  }

  #union(key: string, memberSize: number, mode: ConversionMode): DataView | undefined {
    const slot = this.#lookup(key);
    return slot && unionBytes(this.#bytes, slot, memberSize, mode);
  }

  /*
   * The typed getters are WAMR's `attr_container_get_as_*`: whatever the stored type, its bytes
   * are reinterpreted (see `unionBytes`), so getInt32 of an int8 -1 is 255 and getInt32 of the
   * string "ab" is 0x6261. They return undefined for a missing key where WAMR returns 0.
   */

  getInt8(key: string, mode: ConversionMode = "app"): number | undefined {
    return this.#union(key, 1, mode)?.getInt8(0);
  }
  getUint8(key: string, mode: ConversionMode = "app"): number | undefined {
    return this.#union(key, 1, mode)?.getUint8(0);
  }
  getInt16(key: string, mode: ConversionMode = "app"): number | undefined {
    return this.#union(key, 2, mode)?.getInt16(0, true);
  }
  getUint16(key: string, mode: ConversionMode = "app"): number | undefined {
    return this.#union(key, 2, mode)?.getUint16(0, true);
  }
  getInt32(key: string, mode: ConversionMode = "app"): number | undefined {
    return this.#union(key, 4, mode)?.getInt32(0, true);
  }
  getUint32(key: string, mode: ConversionMode = "app"): number | undefined {
    return this.#union(key, 4, mode)?.getUint32(0, true);
  }
  getInt64(key: string, mode: ConversionMode = "app"): bigint | undefined {
    return this.#union(key, 8, mode)?.getBigInt64(0, true);
  }
  getUint64(key: string, mode: ConversionMode = "app"): bigint | undefined {
    return this.#union(key, 8, mode)?.getBigUint64(0, true);
  }
  getFloat(key: string, mode: ConversionMode = "app"): number | undefined {
    return this.#union(key, 4, mode)?.getFloat32(0, true);
  }
  getDouble(key: string, mode: ConversionMode = "app"): number | undefined {
    return this.#union(key, 8, mode)?.getFloat64(0, true);
  }
  /** Any nonzero first byte is true (C leaves other bytes than 0 and 1 in a bool undefined). */
  getBool(key: string, mode: ConversionMode = "app"): boolean | undefined {
    const union = this.#union(key, 1, mode);
    return union && union.getUint8(0) !== 0;
  }

  /**
   * `attr_container_get_as_string`: the value's bytes read as a C string, whatever the type.
   * WAMR reads on past a value that has no NUL; this stops at the value's end.
   */
  getString(key: string): string | undefined {
    const slot = this.#lookup(key);
    return slot && this.#cString(slot);
  }

  /**
   * `attr_container_get_as_bytearray`: a copy of the value's bytes, whatever the type (a
   * string's include its NUL, a fixed-size value's are its little-endian bytes).
   */
  getByteArray(key: string): Uint8Array | undefined {
    const slot = this.#lookup(key);
    return slot && this.#extent(slot);
  }

  /** Every attribute in stored order, duplicates included (WAMR's lookups see the first). */
  *attributes(): IterableIterator<Attr> {
    for (const slot of this.#layout.attrs) {
      const key = cString(this.#bytes.subarray(slot.keyStart, slot.keyStart + slot.keyLength));
      yield { key, type: attrTypeName(slot.type)!, value: this.#value(slot) };
    }
  }

  *keys(): IterableIterator<string> {
    for (const attr of this.attributes()) yield attr.key;
  }

  *values(): IterableIterator<AttrValue> {
    for (const attr of this.attributes()) yield attr.value;
  }

  *entries(): IterableIterator<[string, AttrValue]> {
    for (const attr of this.attributes()) yield [attr.key, attr.value];
  }

  [Symbol.iterator](): IterableIterator<[string, AttrValue]> {
    return this.entries();
  }

  /**
   * The container's bytes, slack included, as WAMR sends it (host_tool and apps pass the
   * container itself). `readOnly: true` sets flag bit 2 as `attr_container_serialize` does.
   */
  toBytes(options: { readonly readOnly?: boolean } = {}): Uint8Array {
    const out = this.#bytes.slice();
    if (options.readOnly) out[FLAGS_OFFSET]! |= FLAG_READ_ONLY;
    return out;
  }

  /** host_tool's attr2json (see `jsonValue`); the tag is left out, as there. */
  toJSON(): AttrJson {
    return Object.fromEntries(Array.from(this.attributes(), (a) => [a.key, jsonValue(a.type, a.value)]));
  }
}
