/**
 * attr_container bytes for tests, written and read here from the layout WAMR documents
 * (little-endian; see c/include/bi-inc/attr_container.h), independently of the C library.
 */
export type AttrValue =
  | { type: "string"; value: string }
  | { type: "int"; value: number }
  | { type: "uint16"; value: number }
  | { type: "bool"; value: boolean };

const tags = { int: 2, uint16: 5, bool: 12, string: 13 } as const;

/** A container with exactly these attributes and no slack. */
export function attrBytes(tag: string, attrs: Record<string, AttrValue>): Uint8Array {
  const out: number[] = [0, 0, 0, 0, 0, 0];
  const u16 = (n: number) => out.push(n & 0xff, (n >> 8) & 0xff);
  const bytes = (s: string) => [...new TextEncoder().encode(s), 0];
  u16(tag.length + 1);
  out.push(...bytes(tag));
  u16(Object.keys(attrs).length);
  for (const [key, attr] of Object.entries(attrs)) {
    u16(key.length + 1);
    out.push(...bytes(key), tags[attr.type]);
    if (attr.type === "string") {
      const value = bytes(attr.value);
      u16(value.length);
      out.push(...value);
    } else if (attr.type === "int") {
      const v = attr.value >>> 0;
      out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24);
    } else if (attr.type === "uint16") u16(attr.value);
    else out.push(attr.value ? 1 : 0);
  }
  const result = Uint8Array.from(out);
  new DataView(result.buffer).setUint32(2, result.length - 2, true);
  return result;
}

export interface ReadAttr {
  key: string;
  type: number;
  /** The value's bytes (for strings and byte arrays, after the length). */
  value: Uint8Array;
}

/** The header and attributes of a serialized container. */
export function readAttrs(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = view.getUint16(0, true);
  const totalLength = view.getUint32(2, true);
  const tagLength = view.getUint16(6, true);
  const tag = new TextDecoder().decode(bytes.subarray(8, 8 + tagLength - 1));
  let p = 8 + tagLength;
  const count = view.getUint16(p, true);
  p += 2;
  const attrs: ReadAttr[] = [];
  for (let i = 0; i < count; i++) {
    const keyLength = view.getUint16(p, true);
    const key = new TextDecoder().decode(bytes.subarray(p + 2, p + 2 + keyLength - 1));
    p += 2 + keyLength;
    const type = bytes[p++]!;
    let size: number;
    if (type <= 12) size = 1 << (type & 3);
    else if (type === 13) {
      size = view.getUint16(p, true);
      p += 2;
    } else {
      size = view.getUint32(p, true);
      p += 4;
    }
    attrs.push({ key, type, value: bytes.subarray(p, p + size) });
    p += size;
  }
  return { flags, totalLength, tag, attrs, end: p, slack: bytes.subarray(p, 2 + totalLength) };
}

export function attrString(attr: ReadAttr | undefined): string | undefined {
  return attr === undefined
    ? undefined
    : new TextDecoder().decode(attr.value.subarray(0, attr.value.length - 1));
}
