/**
 * C's %f %e %g conversions of a double, digit for digit: the exact binary value is scaled with
 * BigInt and rounded half-to-even, as glibc does (so 0.5 → "0", 2.5 → "2", 0.125 → "0.12").
 */

const bits = new DataView(new ArrayBuffer(8));

/** |x| = mantissa * 2^exponent, for finite x. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

export function isNegative(x: number): boolean {
  bits.setFloat64(0, x);
  return bits.getUint32(0) >>> 31 === 1;
}

/** round-half-even(|x| * 10^scale) for finite x. */
function scaledRound(x: number, scale: number): bigint {
  const { mantissa, exponent } = decompose(x);
  let num = mantissa;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  if (scale >= 0) num *= 10n ** BigInt(scale);
  else den *= 10n ** BigInt(-scale);
  let q = num / den;
  const twice = (num - q * den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) q++;
  return q;
}

/** Digits of |x| with `precision` decimals (%f). */
export function fixedDigits(x: number, precision: number, alternate: boolean): string {
  const digits = scaledRound(x, precision)
    .toString()
    .padStart(precision + 1, "0");
  const whole = digits.slice(0, digits.length - precision);
  const point = precision > 0 || alternate ? "." : "";
  return whole + point + digits.slice(digits.length - precision);
}

/** |x| as d.ddd (precision digits after the point) and its decimal exponent (%e). */
function exponentDigits(x: number, precision: number): { digits: string; exponent: number } {
  if (x === 0) return { digits: "0".repeat(precision + 1), exponent: 0 };
  let exponent = Math.floor(Math.log10(Math.abs(x)));
  const low = 10n ** BigInt(precision);
  const high = low * 10n;
  let q = scaledRound(x, precision - exponent);
  // log10 can be off by one either way near powers of ten; rounding can carry into a new digit.
  for (let guard = 0; guard < 4 && (q >= high || q < low); guard++) {
    exponent += q >= high ? 1 : -1;
    q = scaledRound(x, precision - exponent);
  }
  return { digits: q.toString(), exponent };
}

export function scientific(x: number, precision: number, alternate: boolean, upper: boolean): string {
  const { digits, exponent } = exponentDigits(x, precision);
  return withExponent(digits, exponent, precision > 0 || alternate, upper);
}

function withExponent(digits: string, exponent: number, point: boolean, upper: boolean): string {
  const sign = exponent < 0 ? "-" : "+";
  const e = upper ? "E" : "e";
  return (
    digits[0] + (point ? "." : "") + digits.slice(1) + e + sign + String(Math.abs(exponent)).padStart(2, "0")
  );
}

/** %g: the shorter of %e and %f by C's rule, trailing zeros removed unless `alternate`. */
export function general(x: number, precision: number, alternate: boolean, upper: boolean): string {
  const p = precision === 0 ? 1 : precision;
  const { exponent } = exponentDigits(x, p - 1);
  let text: string;
  if (p > exponent && exponent >= -4) {
    text = fixedDigits(x, p - 1 - exponent, alternate);
    if (!alternate) text = stripFraction(text);
  } else {
    const { digits } = exponentDigits(x, p - 1);
    let mantissa = digits[0] + (p - 1 > 0 || alternate ? "." : "") + digits.slice(1);
    if (!alternate) mantissa = stripFraction(mantissa);
    text = withExponent(mantissa.replace(".", ""), exponent, mantissa.includes("."), upper);
  }
  return text;
}

function stripFraction(text: string): string {
  if (!text.includes(".")) return text;
  return text.replace(/\.?0+$/, "");
}
