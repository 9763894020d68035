import { type FuncType, ValType, valTypeName } from "@microwasm/core";
import { FunctionInstance, type Value } from "@microwasm/interpreter";
import { RuntimeOptionsError } from "./errors.js";

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return typeof value === "object"
    ? (value.constructor?.name ?? "an object")
    : `${typeof value} ${String(value)}`;
}

/** One argument as the interpreter takes it, or undefined when `value` is not of type `type`. */
function argumentOf(value: unknown, type: ValType): Value | undefined {
  switch (type) {
    case ValType.i32:
      // Signed or unsigned 32-bit integers: a C host passes either.
      return Number.isInteger(value) && (value as number) >= -0x8000_0000 && (value as number) <= 0xffff_ffff
        ? (value as number) | 0
        : undefined;
    case ValType.i64:
      if (typeof value === "bigint")
        return value >= -(1n << 63n) && value < 1n << 64n ? BigInt.asIntN(64, value) : undefined;
      return Number.isSafeInteger(value) ? BigInt(value as number) : undefined;
    case ValType.f32:
    case ValType.f64:
      return typeof value === "number" ? value : undefined;
    case ValType.v128:
      return value instanceof Uint8Array && value.length === 16 ? value : undefined;
    case ValType.funcref:
      return value === null || value instanceof FunctionInstance ? value : undefined;
    default:
      // externref: any host value, null being the null reference.
      return value as Value;
  }
}

/**
 * The arguments of a call from the host, checked against the function's type: as many as it
 * has parameters, each of its type (i32 an integer that fits 32 bits, i64 a bigint or a safe
 * integer, f32/f64 a number, v128 16 bytes, funcref a function or null). Throws
 * `RuntimeOptionsError` naming the function, the position and what was given.
 */
export function checkCallArguments(name: string, type: FuncType, args: readonly unknown[]): Value[] {
  const { params } = type;
  if (!Array.isArray(args)) throw new RuntimeOptionsError(`${name}: arguments must be an array`);
  if (args.length !== params.length) {
    const expected = params.map(valTypeName).join(", ");
    throw new RuntimeOptionsError(
      `${name} takes ${params.length} argument${params.length === 1 ? "" : "s"} (${expected}), got ${args.length}`,
    );
  }
  return params.map((type, i) => {
    const value = argumentOf(args[i], type);
    if (value === undefined && !(type === ValType.externref && args[i] === undefined)) {
      throw new RuntimeOptionsError(
        `${name}: argument ${i} must be ${valTypeName(type)}, got ${describe(args[i])}`,
      );
    }
    return value as Value;
  });
}
