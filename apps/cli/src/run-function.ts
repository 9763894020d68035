import { type FuncType, ValType, valTypeName } from "@microwasm/core";
import { FunctionInstance, invoke, type ModuleInstance, type Value } from "@microwasm/interpreter";

/** Thrown for user mistakes (unknown export, bad argument); the CLI prints the message alone. */
export class UsageError extends Error {
  override name = "UsageError";
}

function parseArgument(text: string, type: number, index: number): Value {
  const fail = () => new UsageError(`argument ${index + 1} ("${text}") is not a valid ${valTypeName(type)}`);
  switch (type) {
    case ValType.i32: {
      if (!/^[-+]?(0x[0-9a-f]+|\d+)$/i.test(text)) throw fail();
      return Number(BigInt.asIntN(32, BigInt(text.replace(/^\+/, "").replace(/^-0x/i, "-0x")))) | 0;
    }
    case ValType.i64:
      if (!/^[-+]?(0x[0-9a-f]+|\d+)$/i.test(text)) throw fail();
      return BigInt.asIntN(
        64,
        text.startsWith("-") ? -BigInt(text.slice(1)) : BigInt(text.replace(/^\+/, "")),
      );
    case ValType.f32:
    case ValType.f64: {
      const value = Number(text);
      if (Number.isNaN(value) && !/^[-+]?nan$/i.test(text)) throw fail();
      return type === ValType.f32 ? Math.fround(value) : value;
    }
    default:
      throw new UsageError(`parameters of type ${valTypeName(type)} cannot be given on the command line`);
  }
}

/** Formats a result as iwasm does: `0x2a:i32`, `1.5:f64`. */
export function formatResult(value: Value, type: number): string {
  switch (type) {
    case ValType.i32:
      return `0x${((value as number) >>> 0).toString(16)}:i32`;
    case ValType.i64:
      return `0x${BigInt.asUintN(64, value as bigint).toString(16)}:i64`;
    case ValType.f32:
    case ValType.f64:
      return `${String(value)}:${valTypeName(type)}`;
    default:
      return `${value === null ? "null" : "ref"}:${valTypeName(type)}`;
  }
}

/** Calls exported function `name` with command-line arguments; returns the formatted results. */
export function runExportedFunction(
  instance: ModuleInstance,
  name: string,
  args: readonly string[],
): string[] {
  const fn = instance.exports.get(name);
  if (!(fn instanceof FunctionInstance))
    throw new UsageError(`the module exports no function named "${name}"`);
  const type: FuncType = fn.type;
  if (args.length !== type.params.length) {
    throw new UsageError(`function "${name}" takes ${type.params.length} arguments, got ${args.length}`);
  }
  const values = args.map((text, i) => parseArgument(text, type.params[i]!, i));
  const results = invoke(fn, values);
  return results.map((value, i) => formatResult(value, type.results[i]!));
}
