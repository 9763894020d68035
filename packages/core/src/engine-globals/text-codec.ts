/** UTF-8 `TextEncoder`/`TextDecoder` for engines that have none (QuickJS, Hermes). */

interface DecoderOptions {
  readonly fatal?: boolean;
  readonly ignoreBOM?: boolean;
}

const host = globalThis as {
  TextEncoder?: typeof globalThis.TextEncoder;
  TextDecoder?: typeof globalThis.TextDecoder;
};

/** UTF-8 bytes of `text`; a lone surrogate becomes U+FFFD, as the standard encoder does. */
function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

/**
 * The Encoding Standard's UTF-8 decoder: each maximal ill-formed subsequence becomes one U+FFFD
 * (or, `fatal`, a TypeError), exactly as the engines' own TextDecoder.
 */
function decodeUtf8(bytes: Uint8Array, fatal: boolean, ignoreBOM: boolean): string {
  const units: number[] = [];
  let s = "";
  const emit = (c: number) => {
    if (c < 0x10000) units.push(c);
    else units.push(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff));
    // Flush in slices: String.fromCharCode takes its arguments on the stack.
    if (units.length >= 4096) s += String.fromCharCode(...units.splice(0));
  };
  const fail = () => {
    if (fatal) throw new TypeError("The encoded data was not valid for encoding utf-8");
    emit(0xfffd);
  };
  let codePoint = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let p = !ignoreBOM && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; p < bytes.length; p++) {
    const b = bytes[p]!;
    if (needed === 0) {
      if (b < 0x80) emit(b);
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        codePoint = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        codePoint = b & 0xf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        codePoint = b & 0x7;
      } else fail();
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence ends before this byte, which starts afresh.
      codePoint = needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      fail();
      p--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    codePoint = (codePoint << 6) | (b & 0x3f);
    if (++seen === needed) {
      emit(codePoint);
      codePoint = needed = seen = 0;
    }
  }
  if (needed !== 0) fail();
  return s + String.fromCharCode(...units);
}

function viewOf(input: ArrayBufferView | ArrayBufferLike | undefined): Uint8Array {
  if (input === undefined) return new Uint8Array(0);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return new Uint8Array(input);
}

function FallbackTextEncoder(this: unknown) {}
FallbackTextEncoder.prototype.encoding = "utf-8";
FallbackTextEncoder.prototype.encode = (text = ""): Uint8Array => encodeUtf8(String(text));
/** Encodes as much of `text` as fits in `into`, whole characters only. */
FallbackTextEncoder.prototype.encodeInto = (text: string, into: Uint8Array) => {
  let read = 0;
  let written = 0;
  while (read < text.length) {
    const c = text.charCodeAt(read);
    const units = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(read + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    const bytes = encodeUtf8(text.slice(read, read + units));
    if (written + bytes.length > into.length) break;
    into.set(bytes, written);
    read += units;
    written += bytes.length;
  }
  return { read, written };
};

function FallbackTextDecoder(
  this: { fatal: boolean; ignoreBOM: boolean },
  label = "utf-8",
  options: DecoderOptions = {},
) {
  if (!/^\s*(utf-?8|unicode-1-1-utf-8)\s*$/i.test(label))
    throw new RangeError(`The "${label}" encoding is not supported`);
  this.fatal = options.fatal === true;
  this.ignoreBOM = options.ignoreBOM === true;
}
FallbackTextDecoder.prototype.encoding = "utf-8";
FallbackTextDecoder.prototype.decode = function (
  this: { fatal: boolean; ignoreBOM: boolean },
  input?: ArrayBufferView | ArrayBufferLike,
): string {
  return decodeUtf8(viewOf(input), this.fatal, this.ignoreBOM);
};

// Plain constructor functions rather than classes: they are `new`-able and cost nothing to lower.
const encoder = (host.TextEncoder ?? FallbackTextEncoder) as unknown as typeof globalThis.TextEncoder;
const decoder = (host.TextDecoder ?? FallbackTextDecoder) as unknown as typeof globalThis.TextDecoder;

export { encoder as TextEncoder, decoder as TextDecoder };
