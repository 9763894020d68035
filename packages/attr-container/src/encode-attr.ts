import { AttrType, type AttrTypeName, fixedSize } from "./attr-type.js";
import type { AttrValueByType } from "./attr-value.js";
import { encodeUtf8Into, utf8Length } from "./c-string.js";

/**
 * The attribute's bytes: key length (with the NUL), key, NUL, type tag, value; a string is a u16
 * length (with its NUL) and its bytes, a byte array a u32 length and its bytes. Key and value
 * must have passed their checks.
 */
export function encodeAttr(
  key: string,
  type: AttrTypeName,
  value: AttrValueByType[AttrTypeName],
): Uint8Array {
  const tag = AttrType[type];
  const keyLength = utf8Length(key) + 1;
  const head = 2 + keyLength + 1;
  let valueLength: number;
  if (type === "string") valueLength = 2 + utf8Length(value as string) + 1;
  else if (type === "bytearray") valueLength = 4 + (value as Uint8Array).length;
  else valueLength = fixedSize(tag);

  const out = new Uint8Array(head + valueLength);
  const view = new DataView(out.buffer);
  view.setUint16(0, keyLength, true);
  encodeUtf8Into(key, out, 2);
  out[head - 1] = tag;
  switch (type) {
    case "string":
      view.setUint16(head, valueLength - 2, true);
      encodeUtf8Into(value as string, out, head + 2);
      break;
    case "bytearray":
      view.setUint32(head, valueLength - 4, true);
      out.set(value as Uint8Array, head + 4);
      break;
    case "int8":
      view.setInt8(head, value as number);
      break;
    case "uint8":
      view.setUint8(head, value as number);
      break;
    case "int16":
      view.setInt16(head, value as number, true);
      break;
    case "uint16":
      view.setUint16(head, value as number, true);
      break;
    case "int32":
      view.setInt32(head, value as number, true);
      break;
    case "uint32":
      view.setUint32(head, value as number, true);
      break;
    case "int64":
      view.setBigInt64(head, BigInt(value as bigint | number), true);
      break;
    case "uint64":
      view.setBigUint64(head, BigInt(value as bigint | number), true);
      break;
    case "float":
      view.setFloat32(head, value as number, true);
      break;
    case "double":
      view.setFloat64(head, value as number, true);
      break;
    case "bool":
      // WAMR's attr_container_set_bool stores `value ? 1 : 0`
      out[head] = value ? 1 : 0;
      break;
  }
  return out;
}
