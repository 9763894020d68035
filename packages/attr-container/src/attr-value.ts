import * as z from "zod/mini";
import { AttrContainerError } from "./attr-container-error.js";
import { type AttrTypeName, attrTypeNames } from "./attr-type.js";
import { utf8Length } from "./c-string.js";
import { MAX_U16 } from "./layout.js";

/** A value as `get` returns it: 64-bit integers as bigint, the other numbers as number. */
export type AttrValue = number | bigint | boolean | string | Uint8Array;

/** What `set` accepts for each type; 64-bit integers also as safe-integer numbers. */
export interface AttrValueByType {
  int8: number;
  int16: number;
  int32: number;
  int64: bigint | number;
  uint8: number;
  uint16: number;
  uint32: number;
  uint64: bigint | number;
  float: number;
  double: number;
  bool: boolean;
  string: string;
  bytearray: Uint8Array;
}

/** A string WAMR stores NUL-terminated with a u16 length: no NUL inside, at most 65534 bytes. */
// zod/mini, not zod: the same checks at a tenth of the size in a bundled runtime.
const cStringChecks = (what: string) => [
  z.refine<string>((s) => !s.includes("\0"), `${what} contains a NUL byte, which would end it early in C`),
  z.refine<string>((s) => utf8Length(s) < MAX_U16, `${what} is longer than 65534 UTF-8 bytes`),
];
const cString = (what: string) =>
  z.string({ error: `${what} must be a string` }).check(...cStringChecks(what));

export const keySchema = z.string({ error: "a key must be a string" }).check(
  ...cStringChecks("a key"),
  z.refine((s) => s.length > 0, "a key must not be empty"),
);
export const tagSchema = cString("the tag");

const int = (min: number, max: number) =>
  z
    .number({ error: "expected a number" })
    .check(
      z.refine(Number.isInteger, "expected an integer"),
      z.gte(min, `expected at least ${min}`),
      z.lte(max, `expected at most ${max}`),
    );

const int64 = (min: bigint, max: bigint) =>
  z.union([
    z.bigint().check(z.gte(min, `expected at least ${min}`), z.lte(max, `expected at most ${max}`)),
    int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).check(
      z.refine((n) => BigInt(n) >= min, `expected at least ${min}`),
    ),
  ]);

// Floats accept NaN and infinities, which WAMR stores like any other value.
const anyNumber = z.custom<number>((v) => typeof v === "number", "expected a number");

/** Per type, the values `set` accepts; out-of-range integers are refused, not wrapped as in C. */
export const valueSchemas: { readonly [T in AttrTypeName]: z.ZodMiniType<AttrValueByType[T]> } = {
  int8: int(-0x80, 0x7f),
  int16: int(-0x8000, 0x7fff),
  int32: int(-0x80000000, 0x7fffffff),
  int64: int64(-(2n ** 63n), 2n ** 63n - 1n),
  uint8: int(0, 0xff),
  uint16: int(0, 0xffff),
  uint32: int(0, 0xffffffff),
  uint64: int64(0n, 2n ** 64n - 1n),
  float: anyNumber,
  double: anyNumber,
  bool: z.boolean({ error: "expected a boolean" }),
  string: cString("a string value"),
  bytearray: z.instanceof(Uint8Array, { error: "expected a Uint8Array" }),
};

export const typeNameSchema = z.enum(attrTypeNames as [AttrTypeName, ...AttrTypeName[]], {
  error: `the type must be one of ${attrTypeNames.join(", ")}`,
});

/** Parses with a schema; failures become `invalidArgument` errors naming what was checked. */
export function check<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AttrContainerError(
    "invalidArgument",
    `${what}: ${result.error.issues[0]?.message ?? "rejected"}`,
  );
}

/**
 * The type `set` uses when none is given: an integer number that fits int32 is int32, any
 * other number double (so -0, fractions and large integers keep their value); a bigint is
 * int64, or uint64 above int64's range; booleans, strings and Uint8Arrays map to their type.
 */
export function inferType(value: unknown): AttrTypeName {
  switch (typeof value) {
    case "number":
      return Number.isInteger(value) && value >= -0x80000000 && value <= 0x7fffffff && !Object.is(value, -0)
        ? "int32"
        : "double";
    case "bigint":
      return value > 2n ** 63n - 1n ? "uint64" : "int64";
    case "boolean":
      return "bool";
    case "string":
      return "string";
    default:
      if (value instanceof Uint8Array) return "bytearray";
      throw new AttrContainerError(
        "invalidArgument",
        "a value must be a number, bigint, boolean, string or Uint8Array (or pass its type)",
      );
  }
}
