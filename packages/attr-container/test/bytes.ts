/** Bytes from hex pairs separated by spaces, e.g. hex("02 00 61 00"). */
export function hex(...parts: string[]): Uint8Array {
  const pairs = parts.join(" ").split(/\s+/).filter(Boolean);
  return Uint8Array.from(pairs, (p) => Number.parseInt(p, 16));
}

/** `bytes` followed by zeros up to `length`. */
export function zeroPadded(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  out.set(bytes);
  return out;
}

/** The bytes of an ASCII string, without a NUL. */
export function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
