import { type FuncType, ValType, valTypeName } from "@microwasm/core";
import type { FunctionInstance, Value } from "@microwasm/interpreter";
import { ExceptionRaised } from "./errors.js";
import { formatG } from "./format-g.js";

/** The integer syntax of C's strtoul/strtoull with base 0: decimal, 0x hex, 0 octal, optional sign. */
function parseInteger(text: string, bits: 32 | 64): bigint | null {
  const match = /^\s*([-+]?)(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)$/i.exec(text);
  if (!match) return null;
  const digits = match[2]!;
  const magnitude = /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  return BigInt.asIntN(bits, match[1] === "-" ? -magnitude : magnitude);
}

/** C's strtod syntax, plus inf/infinity/nan as strtod accepts them. */
function parseFloatArgument(text: string): number | null {
  const trimmed = text.trim();
  const special = /^([-+]?)(inf|infinity|nan)$/i.exec(trimmed);
  if (special) {
    const value = special[2]!.toLowerCase() === "nan" ? Number.NaN : Number.POSITIVE_INFINITY;
    return special[1] === "-" ? -value : value;
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return null;
  return Number(trimmed);
}

function parseArgument(text: string, type: number, index: number): Value {
  const invalid = () => new ExceptionRaised(`invalid input argument ${index}: ${text}`);
  if (text === "") throw new ExceptionRaised(`invalid input argument ${index}`);
  switch (type) {
    case ValType.i32: {
      const value = parseInteger(text, 32);
      if (value === null) throw invalid();
      return Number(value) | 0;
    }
    case ValType.i64: {
      const value = parseInteger(text, 64);
      if (value === null) throw invalid();
      return value;
    }
    case ValType.f32:
    case ValType.f64: {
      const value = parseFloatArgument(text);
      if (value === null) throw invalid();
      return type === ValType.f32 ? Math.fround(value) : value;
    }
    case ValType.funcref:
    case ValType.externref:
      if (/^null$/i.test(text)) return null;
      throw invalid();
    default:
      throw new ExceptionRaised(
        `parameters of type ${valTypeName(type)} cannot be given on the command line`,
      );
  }
}

/** Formats a result as iwasm does: `0x2a:i32`, `0x7:i64`, `1.5:f64` (`%.7g`), `func:ref.null`. */
export function formatResult(value: Value, type: number): string {
  switch (type) {
    case ValType.i32:
      return `0x${((value as number) >>> 0).toString(16)}:i32`;
    case ValType.i64:
      return `0x${BigInt.asUintN(64, value as bigint).toString(16)}:i64`;
    case ValType.f32:
      return `${formatG(value as number)}:f32`;
    case ValType.f64:
      return `${formatG(value as number)}:f64`;
    case ValType.funcref:
      return value === null ? "func:ref.null" : `${(value as FunctionInstance).index}:ref.func`;
    case ValType.externref:
      return value === null ? "extern:ref.null" : "ref:ref.extern";
    default:
      return `${valTypeName(type)}`;
  }
}

/**
 * The values for a call of a function of type `type` from command-line text, as WAMR's
 * `wasm_application_execute_func` parses them (strtoul/strtod syntax). Throws
 * `ExceptionRaised` with WAMR's wording for a wrong count or a bad argument.
 */
export function parseArguments(type: FuncType, args: readonly string[]): Value[] {
  if (args.length !== type.params.length) throw new ExceptionRaised("invalid input argument count");
  return args.map((text, i) => parseArgument(text, type.params[i]!, i));
}

/** Results on one line as iwasm prints them, comma-separated (empty for none). */
export function formatResults(type: FuncType, results: readonly Value[]): string {
  return results.map((value, i) => formatResult(value, type.results[i]!)).join(",");
}
