import * as z from "zod/mini";
import { AttrContainerError } from "./attr-container-error.js";
import type { AttrTypeName } from "./attr-type.js";
import type { AttrValue, AttrValueByType } from "./attr-value.js";
import { beforeNul } from "./c-string.js";

/** A JSON value as host_tool's attr2json produces it. */
export type AttrJsonValue = number | boolean | string | number[] | null;
export type AttrJson = { [key: string]: AttrJsonValue };

export interface FromJsonOptions {
  /**
   * Refuse what host_tool would silently drop or change (null, nested objects, empty keys, NUL
   * characters, arrays with non-numbers or numbers that are not bytes) instead of doing as it does.
   */
  readonly strict?: boolean;
}

/** One attribute to set, in order: `fromJSON` replays them on a container tagged "". */
export interface JsonAttr {
  readonly key: string;
  readonly type: "double" | "bool" | "string" | "bytearray";
  readonly value: AttrValueByType["double" | "bool" | "string" | "bytearray"];
}

const jsonObjectSchema = z.record(z.string(), z.json(), {
  error: "host_tool converts only a JSON object",
});

/**
 * host_tool's json2attr: numbers become double, true/false bool, strings string, and an array
 * a bytearray of its leading numbers, each cast to int8 (an array that starts with something
 * else is dropped; an empty one fails the whole conversion). null and nested objects are
 * dropped, and so is an empty key (WAMR's set refuses it and json2attr ignores the failure).
 * Keys and strings end at a NUL, since cJSON hands them on as C strings. Keys come in
 * `Object.entries` order, which puts integer-like keys first, unlike cJSON's document order.
 */
export function attrsFromJson(json: unknown, options: FromJsonOptions = {}): JsonAttr[] {
  const parsed = jsonObjectSchema.safeParse(json);
  if (!parsed.success) {
    throw new AttrContainerError("invalidJson", parsed.error.issues[0]?.message ?? "not a JSON object");
  }
  const strict = options.strict === true;
  const refuse = (key: string, why: string): void => {
    if (strict) throw new AttrContainerError("invalidJson", `"${key}": ${why}`);
  };
  const attrs: JsonAttr[] = [];
  for (const [rawKey, value] of Object.entries(parsed.data)) {
    const key = beforeNul(rawKey);
    if (key !== rawKey) refuse(rawKey, "the key contains a NUL character");
    if (key === "") {
      refuse(rawKey, "empty keys are dropped");
      continue;
    }
    if (typeof value === "number") {
      attrs.push({ key, type: "double", value });
    } else if (typeof value === "boolean") {
      attrs.push({ key, type: "bool", value });
    } else if (typeof value === "string") {
      const s = beforeNul(value);
      if (s !== value) refuse(key, "the string contains a NUL character");
      attrs.push({ key, type: "string", value: s });
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new AttrContainerError("invalidJson", `"${key}": an empty array`);
      const bytes: number[] = [];
      for (const item of value) {
        if (typeof item !== "number") {
          refuse(key, "arrays must hold numbers only");
          break;
        }
        if (!Number.isInteger(item) || item < -128 || item > 255) refuse(key, `${item} is not a byte`);
        bytes.push(castToInt8(item) & 0xff);
      }
      if (bytes.length > 0) attrs.push({ key, type: "bytearray", value: Uint8Array.from(bytes) });
    } else {
      refuse(key, value === null ? "null is dropped" : "nested objects are dropped");
    }
  }
  return attrs;
}

/**
 * C's `(int8_t)double` as x86-64 compiles it (cvttsd2si to int32, then the low byte):
 * truncation toward zero, and 0 for values outside int32's range.
 */
function castToInt8(d: number): number {
  const t = Math.trunc(d);
  if (!(t >= -0x80000000 && t <= 0x7fffffff)) return 0;
  return (t << 24) >> 24;
}

/**
 * host_tool's attr2json for one value: every number type becomes a JSON number (int64 and
 * uint64 rounded to the nearest double, as C's conversion does), bool a boolean, a string
 * itself, a bytearray an array of its bytes read as signed char (x86). cJSON prints NaN and
 * infinities as null, so they are null here.
 */
export function jsonValue(type: AttrTypeName, value: AttrValue): AttrJsonValue {
  switch (type) {
    case "bool":
    case "string":
      return value as boolean | string;
    case "bytearray": {
      const a = value as Uint8Array;
      return Array.from(new Int8Array(a.buffer, a.byteOffset, a.length));
    }
    default: {
      const n = Number(value as number | bigint);
      return Number.isFinite(n) ? n : null;
    }
  }
}
