/*
 * Strings as WAMR stores them: UTF-8 bytes read up to the first NUL, as C reads them. The
 * decoders keep a leading byte-order mark (TextDecoder would drop it) so that decoding and
 * encoding a key give back the same bytes.
 */

const encoder = new TextEncoder();
const lossy = new TextDecoder("utf-8", { ignoreBOM: true });
const exact = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Writes `s` at `offset`; `out` must have `utf8Length(s)` bytes there. */
export function encodeUtf8Into(s: string, out: Uint8Array, offset: number): void {
  encoder.encodeInto(s, out.subarray(offset));
}

/** The UTF-8 length of `s` without encoding it (a lone surrogate becomes U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a pair: 2 code units, 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}

/** Bytes up to the first NUL, decoded (bad sequences become U+FFFD). */
export function cString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return lossy.decode(nul < 0 ? bytes : bytes.subarray(0, nul));
}

/** All the bytes decoded, or undefined when they are not valid UTF-8. */
export function exactString(bytes: Uint8Array): string | undefined {
  try {
    return exact.decode(bytes);
  } catch {
    return undefined;
  }
}

/** `s` up to its first NUL: what C sees of it. */
export function beforeNul(s: string): string {
  const nul = s.indexOf("\0");
  return nul < 0 ? s : s.slice(0, nul);
}

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** False when `s` has a lone surrogate, which UTF-8 encoding replaces (String#isWellFormed, ES2024). */
export function isWellFormed(s: string): boolean {
  return !loneSurrogate.test(s);
}
