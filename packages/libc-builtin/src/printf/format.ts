import { fixedDigits, general, isNegative, scientific } from "./format-float.js";

/** Where a conversion's arguments come from: a wasm32 `va_list`, read in order. */
export interface PrintfArguments {
  /** The next int-sized slot (int, char, short, long, size_t, ptrdiff_t and pointers in wasm32). */
  int32(): number;
  /** The next 8-byte integer slot (long long, intmax_t). */
  int64(): bigint;
  float64(): number;
  /** The bytes of the NUL-terminated string at app address `at`, reading at most `limit` bytes. */
  string(at: number, limit: number): Uint8Array;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  space: boolean;
  alternate: boolean;
  zero: boolean;
  width: number;
  precision: number | undefined;
  length: string;
}

const PERCENT = 0x25;

/**
 * Formats like C's printf: flags `- + space # 0`, width and precision (numbers or `*`), length
 * modifiers `hh h l ll z j t` (and `L`, read as a double), conversions `d i u o x X c s p f F e
 * E g G %`. Output is bytes, as C's is (each char of the returned string is one byte, 0-255).
 * An unknown conversion is copied as written. Reading past the arguments' memory throws
 * whatever `args` throws.
 */
export function formatPrintf(format: Uint8Array, args: PrintfArguments): string {
  let out = "";
  let i = 0;
  const n = format.length;
  while (i < n) {
    const c = format[i]!;
    if (c !== PERCENT) {
      let j = i;
      while (j < n && format[j] !== PERCENT) j++;
      out += latin1(format.subarray(i, j));
      i = j;
      continue;
    }
    const start = i++;
    const spec: Spec = {
      minus: false,
      plus: false,
      space: false,
      alternate: false,
      zero: false,
      width: 0,
      precision: undefined,
      length: "",
    };
    for (; i < n; i++) {
      const f = format[i];
      if (f === 0x2d) spec.minus = true;
      else if (f === 0x2b) spec.plus = true;
      else if (f === 0x20) spec.space = true;
      else if (f === 0x23) spec.alternate = true;
      else if (f === 0x30) spec.zero = true;
      else break;
    }
    if (format[i] === 0x2a) {
      i++;
      const w = args.int32();
      if (w < 0) spec.minus = true;
      spec.width = Math.abs(w);
    } else {
      while (i < n && isDigit(format[i]!)) spec.width = spec.width * 10 + (format[i++]! - 0x30);
    }
    if (format[i] === 0x2e) {
      i++;
      if (format[i] === 0x2a) {
        i++;
        const p = args.int32();
        spec.precision = p < 0 ? undefined : p;
      } else {
        let p = 0;
        while (i < n && isDigit(format[i]!)) p = p * 10 + (format[i++]! - 0x30);
        spec.precision = p;
      }
    }
    const lengthStart = i;
    while (i < n && "hlzjtL".includes(String.fromCharCode(format[i]!))) i++;
    spec.length = latin1(format.subarray(lengthStart, i));
    if (i >= n) {
      out += latin1(format.subarray(start, i));
      break;
    }
    const conversion = String.fromCharCode(format[i++]!);
    const converted = convert(conversion, spec, args);
    out += converted ?? latin1(format.subarray(start, i));
  }
  return out;
}

function convert(conversion: string, spec: Spec, args: PrintfArguments): string | undefined {
  switch (conversion) {
    case "d":
    case "i":
      return integer(spec, signedArgument(spec.length, args), 10, false);
    case "u":
      return integer(spec, unsignedArgument(spec.length, args), 10, false);
    case "o":
      return integer(spec, unsignedArgument(spec.length, args), 8, false);
    case "x":
      return integer(spec, unsignedArgument(spec.length, args), 16, false);
    case "X":
      return integer(spec, unsignedArgument(spec.length, args), 16, true);
    case "c":
      return pad(spec, String.fromCharCode(args.int32() & 0xff));
    case "s": {
      const at = args.int32() >>> 0;
      return pad(spec, latin1(args.string(at, spec.precision ?? Number.POSITIVE_INFINITY)));
    }
    case "p": {
      const address = args.int32() >>> 0;
      return pad(spec, address === 0 ? "(nil)" : `0x${address.toString(16)}`);
    }
    case "f":
    case "F":
    case "e":
    case "E":
    case "g":
    case "G":
      return float(spec, conversion, args.float64());
    case "%":
      return "%";
    default:
      return undefined;
  }
}

function signedArgument(length: string, args: PrintfArguments): bigint {
  switch (length) {
    case "ll":
    case "j":
      return args.int64();
    case "hh":
      return BigInt((args.int32() << 24) >> 24);
    case "h":
      return BigInt((args.int32() << 16) >> 16);
    default:
      return BigInt(args.int32());
  }
}

function unsignedArgument(length: string, args: PrintfArguments): bigint {
  switch (length) {
    case "ll":
    case "j":
      return BigInt.asUintN(64, args.int64());
    case "hh":
      return BigInt(args.int32() & 0xff);
    case "h":
      return BigInt(args.int32() & 0xffff);
    default:
      return BigInt(args.int32() >>> 0);
  }
}

function integer(spec: Spec, value: bigint, radix: number, upper: boolean): string {
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString(radix);
  if (upper) digits = digits.toUpperCase();
  if (spec.precision !== undefined) {
    digits = spec.precision === 0 && value === 0n ? "" : digits.padStart(spec.precision, "0");
  }
  let prefix = "";
  if (radix === 10) prefix = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  else if (spec.alternate && radix === 8 && !digits.startsWith("0")) digits = `0${digits}`;
  else if (spec.alternate && radix === 16 && value !== 0n) prefix = upper ? "0X" : "0x";
  return padNumber(spec, prefix, digits, spec.zero && spec.precision === undefined);
}

function float(spec: Spec, conversion: string, x: number): string {
  const upper = conversion === "F" || conversion === "E" || conversion === "G";
  const sign = isNegative(x) ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  if (!Number.isFinite(x)) {
    const text = Number.isNaN(x) ? "nan" : "inf";
    return padNumber(spec, sign, upper ? text.toUpperCase() : text, false);
  }
  const precision = spec.precision ?? 6;
  const magnitude = Math.abs(x);
  let body: string;
  if (conversion === "f" || conversion === "F") body = fixedDigits(magnitude, precision, spec.alternate);
  else if (conversion === "e" || conversion === "E")
    body = scientific(magnitude, precision, spec.alternate, upper);
  else body = general(magnitude, precision, spec.alternate, upper);
  return padNumber(spec, sign, body, spec.zero);
}

/** Pads a number to the width: zeros between sign/prefix and digits, or spaces outside. */
function padNumber(spec: Spec, prefix: string, digits: string, zeros: boolean): string {
  const length = prefix.length + digits.length;
  if (length >= spec.width) return prefix + digits;
  if (spec.minus) return prefix + digits + " ".repeat(spec.width - length);
  if (zeros) return prefix + "0".repeat(spec.width - length) + digits;
  return " ".repeat(spec.width - length) + prefix + digits;
}

/** Pads text (%c %s %p) with spaces: C ignores the 0 flag there. */
function pad(spec: Spec, text: string): string {
  if (text.length >= spec.width) return text;
  const fill = " ".repeat(spec.width - text.length);
  return spec.minus ? text + fill : fill + text;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function latin1(bytes: Uint8Array): string {
  let s = "";
  for (let k = 0; k < bytes.length; k += 8192) {
    s += String.fromCharCode(...bytes.subarray(k, Math.min(bytes.length, k + 8192)));
  }
  return s;
}
