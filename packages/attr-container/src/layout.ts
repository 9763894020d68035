import { AttrContainerError } from "./attr-container-error.js";
import { type AttrTypeTag, attrTypeName, fixedSize, isFixedSize } from "./attr-type.js";

/*
 * Offsets in a container's bytes, flags first, as attr_container_t and the wire both have it.
 * All integers are little-endian: WAMR copies them in host order, which is little-endian on
 * wasm32 and on the hosts WAMR runs apps on.
 */
export const FLAGS_OFFSET = 0;
export const TOTAL_LENGTH_OFFSET = 2;
export const TAG_LENGTH_OFFSET = 6;
export const TAG_OFFSET = 8;
/** Zero bytes WAMR reserves when it creates a container or grows one for a set. */
export const SLACK = 100;
/** Set by `attr_container_serialize`, read by `attr_container_is_constant`. */
export const FLAG_READ_ONLY = 1 << 2;
/**
 * What `check_set_attr` actually tests: it masks the flags with ATTR_CONT_READONLY_SHIFT (2)
 * instead of `1 << 2`, so bit 1 blocks sets and the read-only bit does not.
 */
export const FLAG_BLOCKS_SET = 2;
export const MAX_U16 = 0xffff;
export const MAX_U32 = 0xffffffff;

/** Where one attribute lies. */
export interface AttrSlot {
  /** Offset of its key length. */
  readonly start: number;
  /** Key bytes without the NUL. */
  readonly keyStart: number;
  readonly keyLength: number;
  readonly type: AttrTypeTag;
  /** Offset of the value bytes (after the length prefix of strings and byte arrays). */
  readonly value: number;
  /** Bytes a getter sees: the fixed width, a string's length with its NUL, an array's length. */
  readonly valueLength: number;
  /** Offset just past the attribute. */
  readonly end: number;
}

export interface Layout {
  /** 2 + total_length: where the container (and its slack) ends. */
  readonly end: number;
  readonly attrNumOffset: number;
  readonly attrs: readonly AttrSlot[];
  /** Offset just past the last attribute: where the slack starts. */
  readonly attrEnd: number;
}

/**
 * Checks a whole container and says where everything is. Every length is checked against
 * total_length before it is followed, so no read leaves the container; WAMR checks much less
 * (it trusts key and value lengths), which is where a hostile payload would make it over-read.
 */
export function readLayout(bytes: Uint8Array): Layout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < TAG_LENGTH_OFFSET) {
    throw new AttrContainerError(
      "truncated",
      `a container starts with 6 bytes of flags and total_length, the input has ${bytes.length}`,
      bytes.length,
    );
  }
  const end = TOTAL_LENGTH_OFFSET + view.getUint32(TOTAL_LENGTH_OFFSET, true);
  if (end > bytes.length) {
    throw new AttrContainerError(
      "truncated",
      `total_length says the container has ${end} bytes, the input has ${bytes.length}`,
      TOTAL_LENGTH_OFFSET,
    );
  }
  const need = (offset: number, size: number, what: string): void => {
    if (offset + size > end) {
      throw new AttrContainerError(
        "overrun",
        `${what} needs ${size} bytes, the container ends at ${end}`,
        offset,
      );
    }
  };

  need(TAG_LENGTH_OFFSET, 2, "tag length");
  const tagLength = view.getUint16(TAG_LENGTH_OFFSET, true);
  if (tagLength === 0) throw new AttrContainerError("emptyTag", undefined, TAG_LENGTH_OFFSET);
  need(TAG_OFFSET, tagLength, "tag");
  if (bytes[TAG_OFFSET + tagLength - 1] !== 0) {
    throw new AttrContainerError("unterminatedTag", undefined, TAG_OFFSET + tagLength - 1);
  }
  const attrNumOffset = TAG_OFFSET + tagLength;
  need(attrNumOffset, 2, "attribute count");
  const count = view.getUint16(attrNumOffset, true);

  const attrs: AttrSlot[] = [];
  let p = attrNumOffset + 2;
  for (let i = 0; i < count; i++) {
    const start = p;
    need(start, 2, `attribute ${i}'s key length`);
    const keyLength = view.getUint16(start, true);
    if (keyLength === 0) throw new AttrContainerError("emptyKey", `attribute ${i}`, start);
    need(start + 2, keyLength, `attribute ${i}'s key`);
    const typeOffset = start + 2 + keyLength;
    if (bytes[typeOffset - 1] !== 0)
      throw new AttrContainerError("unterminatedKey", `attribute ${i}`, typeOffset - 1);
    need(typeOffset, 1, `attribute ${i}'s type`);
    const type = bytes[typeOffset]!;
    if (attrTypeName(type) === undefined) {
      throw new AttrContainerError("unknownType", `tag ${type} in attribute ${i}`, typeOffset);
    }
    let value = typeOffset + 1;
    let valueLength: number;
    if (isFixedSize(type)) {
      valueLength = fixedSize(type);
    } else if (type === 13) {
      need(value, 2, `attribute ${i}'s string length`);
      valueLength = view.getUint16(value, true);
      value += 2;
    } else {
      need(value, 4, `attribute ${i}'s byte array length`);
      valueLength = view.getUint32(value, true);
      value += 4;
    }
    need(value, valueLength, `attribute ${i}'s value`);
    if (type === 13 && (valueLength === 0 || bytes[value + valueLength - 1] !== 0)) {
      throw new AttrContainerError("unterminatedString", `attribute ${i}`, value + valueLength - 1);
    }
    p = value + valueLength;
    attrs.push({
      start,
      keyStart: start + 2,
      keyLength: keyLength - 1,
      type: type as AttrTypeTag,
      value,
      valueLength,
      end: p,
    });
  }
  return { end, attrNumOffset, attrs, attrEnd: p };
}
