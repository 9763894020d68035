/** The few WebIDL conversions the JS API's signatures call for. */

/** `[EnforceRange] unsigned long`: TypeError unless a finite number in 0 .. 2^32-1 (truncated). */
export function toU32EnforceRange(value: unknown, what: string): number {
  const n = toNumber(value);
  if (!Number.isFinite(n)) throw new TypeError(`${what} must be a finite number`);
  const t = Math.trunc(n);
  if (t < 0 || t > 0xffffffff) throw new TypeError(`${what} must be in the range 0 to 2^32-1`);
  return t;
}

/** ECMAScript ToNumber: unary plus, which throws a TypeError for BigInt and Symbol. */
export function toNumber(value: unknown): number {
  return +(value as number);
}

/** A dictionary argument: undefined and null read as empty; other non-objects are a TypeError. */
export function toDictionary(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" && typeof value !== "function")
    throw new TypeError(`${what} must be an object`);
  return value as Record<string, unknown>;
}

/** WebIDL's BufferSource (declared here: this package does not use the DOM library). */
export type BufferSource = ArrayBuffer | ArrayBufferView;

/** A copy of a BufferSource's bytes (the JS API copies, so later writes do not leak in). */
export function copyBufferSource(source: unknown): Uint8Array {
  if (source instanceof ArrayBuffer) return new Uint8Array(source.slice(0));
  if (ArrayBuffer.isView(source)) {
    return new Uint8Array(source.buffer, source.byteOffset, source.byteLength).slice();
  }
  throw new TypeError("first argument must be an ArrayBuffer or typed array object");
}

export function isObject(value: unknown): value is object {
  return (typeof value === "object" && value !== null) || typeof value === "function";
}
