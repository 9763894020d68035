/**
 * UTF-8 `TextEncoder`/`TextDecoder` for engines that have none (QuickJS, Hermes). The build
 * injects these in place of the globals (esbuild `inject`), so the bundle uses the engine's own
 * where it has them and these otherwise, without touching the host's globals.
 */

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
 * The code point of the well-formed sequence at `p` and its length, or null: the same
 * acceptance as the Encoding Standard (no overlongs, surrogates or values past U+10FFFF).
 */
function readSequence(bytes: Uint8Array, p: number): [number, number] | null {
  const b0 = bytes[p]!;
  const length = b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 : 2;
  if (b0 < 0xc2 || b0 > 0xf4 || p + length > bytes.length) return null;
  let c = b0 & (0x7f >> length);
  for (let k = 1; k < length; k++) {
    const b = bytes[p + k]!;
    if ((b & 0xc0) !== 0x80) return null;
    c = (c << 6) | (b & 63);
  }
  const min = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
  if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return null;
  return [c, length];
}

function decodeUtf8(bytes: Uint8Array, fatal: boolean, ignoreBOM: boolean): string {
  let s = "";
  let p = !ignoreBOM && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (p < bytes.length) {
    const b = bytes[p]!;
    if (b < 0x80) {
      s += String.fromCharCode(b);
      p++;
      continue;
    }
    const sequence = readSequence(bytes, p);
    if (sequence === null) {
      if (fatal) throw new TypeError("The encoded data was not valid for encoding utf-8");
      s += "\ufffd";
      p++;
      continue;
    }
    const [c, length] = sequence;
    s +=
      c < 0x10000
        ? String.fromCharCode(c)
        : String.fromCharCode(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff));
    p += length;
  }
  return s;
}

function viewOf(input: ArrayBufferView | ArrayBufferLike | undefined): Uint8Array {
  if (input === undefined) return new Uint8Array(0);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return new Uint8Array(input);
}

function FallbackTextEncoder(this: unknown) {}
FallbackTextEncoder.prototype.encoding = "utf-8";
FallbackTextEncoder.prototype.encode = (text = ""): Uint8Array => encodeUtf8(String(text));

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
