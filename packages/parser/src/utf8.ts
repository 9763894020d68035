/**
 * Strict UTF-8 (Unicode 15, table 3-7): no overlong forms, no surrogates, nothing above
 * U+10FFFF. Validation is done by hand so the rules are exactly the spec's; decoding then goes
 * through TextDecoder, which cannot fail on validated input.
 */

/** Whether `bytes[start..end)` is well-formed UTF-8. */
export function isValidUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  let p = start;
  while (p < end) {
    const b0 = bytes[p]!;
    if (b0 < 0x80) {
      p++;
      continue;
    }
    if (b0 < 0xc2) return false; // continuation byte, or overlong 2-byte lead
    if (b0 < 0xe0) {
      if (p + 1 >= end || !isContinuation(bytes[p + 1]!)) return false;
      p += 2;
      continue;
    }
    if (b0 < 0xf0) {
      if (p + 2 >= end) return false;
      const b1 = bytes[p + 1]!;
      // E0 needs A0..BF (no overlongs); ED needs 80..9F (no surrogates).
      const lo = b0 === 0xe0 ? 0xa0 : 0x80;
      const hi = b0 === 0xed ? 0x9f : 0xbf;
      if (b1 < lo || b1 > hi || !isContinuation(bytes[p + 2]!)) return false;
      p += 3;
      continue;
    }
    if (b0 < 0xf5) {
      if (p + 3 >= end) return false;
      const b1 = bytes[p + 1]!;
      // F0 needs 90..BF (no overlongs); F4 needs 80..8F (max U+10FFFF).
      const lo = b0 === 0xf0 ? 0x90 : 0x80;
      const hi = b0 === 0xf4 ? 0x8f : 0xbf;
      if (b1 < lo || b1 > hi || !isContinuation(bytes[p + 2]!) || !isContinuation(bytes[p + 3]!))
        return false;
      p += 4;
      continue;
    }
    return false;
  }
  return true;
}

function isContinuation(b: number): boolean {
  return (b & 0xc0) === 0x80;
}

// ignoreBOM keeps a leading U+FEFF: it is part of the name, not a byte order mark.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Decodes validated UTF-8; short ASCII names (the common case) skip TextDecoder. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 32) {
    let s = "";
    for (let p = start; p < end; p++) {
      const b = bytes[p]!;
      if (b >= 0x80) return decoder.decode(bytes.subarray(start, end));
      s += String.fromCharCode(b);
    }
    return s;
  }
  return decoder.decode(bytes.subarray(start, end));
}
