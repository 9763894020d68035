import type { AttrContainer } from "@microwasm/attr-container";

/** C's `%1.<precision>g`. */
function formatG(value: number, precision: number): string {
  const exponential = value.toExponential(precision - 1);
  const exponent = Number(exponential.slice(exponential.indexOf("e") + 1));
  if (exponent < -4 || exponent >= precision) {
    const mantissa = exponential.slice(0, exponential.indexOf("e")).replace(/\.?0+$/, "");
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  const fixed = value.toFixed(precision - 1 - exponent);
  return fixed.includes(".") ? fixed.replace(/\.?0+$/, "") : fixed;
}

/** cJSON's `print_number`: `%d` for a value equal to its int, else `%1.15g` if that reads back, else `%1.17g`. */
function printNumber(value: number): string {
  if (!Number.isFinite(value)) return "null";
  const asInt = value >= 2147483647 ? 2147483647 : value <= -2147483648 ? -2147483648 : Math.trunc(value);
  if (value === asInt) return String(asInt);
  const short = formatG(value, 15);
  return Number(short) === value ? short : formatG(value, 17);
}

/** cJSON's `print_string_ptr`: the two-character escapes, \u00XX for other control characters. */
function printString(text: string): string {
  const escapes: Record<string, string> = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
  };
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += escapes[ch] ?? (code < 32 ? `\\u${code.toString(16).padStart(4, "0")}` : ch);
  }
  return `${out}"`;
}

function printValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return printNumber(value);
  if (typeof value === "string") return printString(value);
  if (Array.isArray(value)) return `[${value.map(printValue).join(", ")}]`;
  return "null";
}

/**
 * An attr_container as host_tool prints it: attr2json, then cJSON_Print (one attribute per line,
 * tab-indented, a tab after each colon, no newline at the end), in the container's order.
 */
export function printContainer(container: AttrContainer): string {
  const json = container.toJSON() as Record<string, unknown>;
  const lines = [...container.keys()].map((key) => `\t${printString(key)}:\t${printValue(json[key])}`);
  return lines.length === 0 ? "{\n}" : `{\n${lines.join(",\n")}\n}`;
}
