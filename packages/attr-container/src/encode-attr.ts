import { AttrType, type AttrTypeName } from "./attr-type.js";
import type { AttrValueByType } from "./attr-value.js";

const utf8 = new TextEncoder();

/** The attribute's bytes: key length, key, NUL, type tag, value (strings and arrays length-prefixed). */
export function encodeAttr(
  key: Uint8Array,
  type: AttrTypeName,
  value: AttrValueByType[AttrTypeName],
): Uint8Array {
  const tag = AttrType[type];
  const head = 2 + key.length + 1 + 1;
  let body: Uint8Array;
  switch (type) {
    case "string": {
      const s = utf8.encode(value as string);
      body = new Uint8Array(2 + s.length + 1);
      new DataView(body.buffer).setUint16(0, s.length + 1, true);
      body.set(s, 2);
      break;
    }
    case "bytearray": {
      const a = value as Uint8Array;
      body = new Uint8Array(4 + a.length);
      new DataView(body.buffer).setUint32(0, a.length, true);
      body.set(a, 4);
      break;
    }
    default:
      body = encodeFixed(type, value);
  }
  const out = new Uint8Array(head + body.length);
  new DataView(out.buffer).setUint16(0, key.length + 1, true);
  out.set(key, 2);
  out[head - 1] = tag;
  out.set(body, head);
  return out;
}

function encodeFixed(type: AttrTypeName, value: AttrValueByType[AttrTypeName]): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  switch (type) {
    case "int8":
      view.setInt8(0, value as number);
      return out.subarray(0, 1);
    case "uint8":
      view.setUint8(0, value as number);
      return out.subarray(0, 1);
    case "int16":
      view.setInt16(0, value as number, true);
      return out.subarray(0, 2);
    case "uint16":
      view.setUint16(0, value as number, true);
      return out.subarray(0, 2);
    case "int32":
      view.setInt32(0, value as number, true);
      return out.subarray(0, 4);
    case "uint32":
      view.setUint32(0, value as number, true);
      return out.subarray(0, 4);
    case "int64":
      view.setBigInt64(0, BigInt(value as bigint | number), true);
      return out;
    case "uint64":
      view.setBigUint64(0, BigInt(value as bigint | number), true);
      return out;
    case "float":
      view.setFloat32(0, value as number, true);
      return out.subarray(0, 4);
    case "double":
      view.setFloat64(0, value as number, true);
      return out;
    default:
      // bool: WAMR's attr_container_set_bool stores `value ? 1 : 0`
      out[0] = value ? 1 : 0;
      return out.subarray(0, 1);
  }
}
