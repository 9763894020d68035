import * as z from "zod/mini";
import type { NativeCells, NativeExecEnv } from "./native-exec-env.js";
import { signatureSchema } from "./signature.js";

/**
 * A native on the converted convention: called as `fn(env, ...args)` with, per signature letter,
 * `i` a number (signed int32), `I` a bigint, `f`/`F` a number, `r` any value, `~` a number
 * (unsigned), and `*`/`$` as the symbol's `pointers` option says. It returns the result (a
 * number, or a bigint for `I`), or nothing.
 */
// biome-ignore lint/suspicious/noExplicitAny: natives declare their own parameter types
export type NativeFunction<Env extends NativeExecEnv = NativeExecEnv> = (env: Env, ...args: any[]) => unknown;

/** A native on the raw convention: the argument cells untouched, results written from `base`. */
export type RawNativeFunction<Env extends NativeExecEnv = NativeExecEnv> = (
  env: Env,
  cells: NativeCells,
  base: number,
) => void;

/**
 * How `*` and `$` arguments reach a converted native, after their bounds checks:
 * - `"view"` (default): `*` a `Uint8Array` view of app memory from the address, to the `~`
 *   length or else to the end of memory; `$` the decoded (UTF-8) string.
 * - `"offset"`: both as the app offset (a number), for natives that compute with addresses.
 */
export type PointerMode = "view" | "offset";

export interface NativeSymbol<Env extends NativeExecEnv = NativeExecEnv> {
  /** The import's field name. */
  readonly name: string;
  readonly fn: NativeFunction<Env>;
  /** WAMR's signature string, or null for all-i32. */
  readonly signature: string | null;
  readonly attachment?: unknown;
  readonly pointers?: PointerMode;
}

export interface RawNativeSymbol<Env extends NativeExecEnv = NativeExecEnv> {
  readonly name: string;
  readonly fn: RawNativeFunction<Env>;
  readonly signature: string | null;
  readonly attachment?: unknown;
}

/** A symbol or a registration that does not follow the rules; the message names the symbol. */
export class NativeSymbolError extends Error {
  override name = "NativeSymbolError";
}

export const nativeSymbolSchema = z.object({
  name: z.string().check(z.minLength(1, "a native symbol needs a name")),
  fn: z.custom<(...args: never[]) => unknown>((v) => typeof v === "function", "fn must be a function"),
  signature: z.nullable(signatureSchema),
  attachment: z.optional(z.unknown()),
  pointers: z.optional(z.enum(["view", "offset"])),
});

export const moduleNameSchema = z.string().check(z.minLength(1, "a native module needs a name"));
