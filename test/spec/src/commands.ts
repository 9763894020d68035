import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * The command lists that WABT's `wast2json` writes, one file per script. The schemas accept
 * every shape the converted suite uses (see the data's README) and reject anything else, so a
 * new kind of command shows up as a clear error rather than a silent skip.
 */

/** A value: numbers as unsigned decimal strings (floats as bit patterns), or a NaN class. */
const scalarValue = z.object({
  type: z.enum(["i32", "i64", "f32", "f64", "externref", "funcref"]),
  /** Absent when only the type is known (the results of `assert_trap`). */
  value: z.string().optional(),
});
const v128Value = z.object({
  type: z.literal("v128"),
  lane_type: z.enum(["i8", "i16", "i32", "i64", "f32", "f64"]),
  value: z.array(z.string()).optional(),
});
/** Types this runner does not know (e.g. `exnref` in later proposals) are kept and skipped. */
const otherValue = z.object({ type: z.string(), value: z.unknown().optional() });
export const jsonValue = z.union([scalarValue, v128Value, otherValue]);
export type JsonValue = z.infer<typeof scalarValue> | z.infer<typeof v128Value>;
export type AnyJsonValue = z.infer<typeof jsonValue>;

const action = z.object({
  type: z.enum(["invoke", "get"]),
  module: z.string().optional(),
  field: z.string(),
  args: z.array(jsonValue).default([]),
});
export type Action = z.infer<typeof action>;

const line = z.number().int();
const moduleType = z.enum(["binary", "text"]);

const moduleCommand = z.object({
  type: z.literal("module"),
  line,
  filename: z.string(),
  name: z.string().optional(),
  module_type: moduleType.optional(),
});
const registerCommand = z.object({
  type: z.literal("register"),
  line,
  as: z.string(),
  name: z.string().optional(),
});
const actionCommand = z.object({
  type: z.literal("action"),
  line,
  action,
  expected: z.array(jsonValue).default([]),
});
const assertReturn = z.object({
  type: z.literal("assert_return"),
  line,
  action,
  expected: z.array(jsonValue).optional(),
  /** relaxed SIMD: the result must match one of these. */
  either: z.array(jsonValue).optional(),
});
/** `assert_trap` on an action, or (in some suites) on a module whose instantiation traps. */
const assertTrap = z.object({
  type: z.literal("assert_trap"),
  line,
  action: action.optional(),
  filename: z.string().optional(),
  module_type: moduleType.optional(),
  text: z.string(),
  expected: z.array(jsonValue).default([]),
});
const assertExhaustion = z.object({
  type: z.literal("assert_exhaustion"),
  line,
  action,
  text: z.string(),
  expected: z.array(jsonValue).default([]),
});
const assertException = z.object({
  type: z.literal("assert_exception"),
  line,
  action,
  expected: z.array(jsonValue).default([]),
});
const moduleAssertion = (
  type: "assert_invalid" | "assert_malformed" | "assert_unlinkable" | "assert_uninstantiable",
) =>
  z.object({ type: z.literal(type), line, filename: z.string(), text: z.string(), module_type: moduleType });

export const command = z.discriminatedUnion("type", [
  moduleCommand,
  registerCommand,
  actionCommand,
  assertReturn,
  assertTrap,
  assertExhaustion,
  assertException,
  moduleAssertion("assert_invalid"),
  moduleAssertion("assert_malformed"),
  moduleAssertion("assert_unlinkable"),
  moduleAssertion("assert_uninstantiable"),
]);
export type Command = z.infer<typeof command>;

export const scriptFile = z.object({ source_filename: z.string(), commands: z.array(command) });
export type ScriptFile = z.infer<typeof scriptFile>;

/** Reads and checks one script's command list. Throws with zod's explanation when malformed. */
export function loadScriptFile(path: string): ScriptFile {
  const raw: unknown = JSON.parse(readFileSync(path, "utf8"));
  const parsed = scriptFile.safeParse(raw);
  if (!parsed.success)
    throw new Error(`${path}: unexpected command file shape:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Counts commands without validating: cheap enough to size a progress bar up front. */
export function countCommands(path: string): number {
  const raw = JSON.parse(readFileSync(path, "utf8")) as { commands?: unknown[] };
  return raw.commands?.length ?? 0;
}
