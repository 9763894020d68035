import { type FuncType, ValType } from "@microwasm/core";
import * as z from "zod/mini";

/**
 * One letter per wasm parameter: `i` i32, `I` i64, `f` f32, `F` f64, `r` externref, `*` an app
 * pointer (i32), `~` the byte length of the `*` just before it (i32), `$` an app pointer to a
 * NUL-terminated string (i32).
 */
export type ParamKind = "i" | "I" | "f" | "F" | "r" | "*" | "~" | "$";
export type ResultKind = "i" | "I" | "f" | "F" | "r";

/** A parsed WAMR signature string such as `"(ii*~$)i"`. */
export interface NativeSignature {
  readonly text: string;
  readonly params: readonly ParamKind[];
  readonly result: ResultKind | null;
  /** The wasm function type the signature stands for. */
  readonly type: FuncType;
}

/** WAMR's grammar: `(params)result`, `~` only right after `*`, at most one result. */
export const signatureSchema = z
  .string()
  .check(
    z.regex(
      /^\((?:[iIfFr$]|\*~?)*\)[iIfFr]?$/,
      "a signature is (params)result over i I f F r * ~ $, with ~ only right after *, and at most one result",
    ),
  );

const valTypeOf: Record<ParamKind, ValType> = {
  i: ValType.i32,
  I: ValType.i64,
  f: ValType.f32,
  F: ValType.f64,
  r: ValType.externref,
  "*": ValType.i32,
  "~": ValType.i32,
  $: ValType.i32,
};

/** Parses a signature already checked by `signatureSchema`. */
export function parseSignature(text: string): NativeSignature {
  const close = text.indexOf(")");
  const params = [...text.slice(1, close)] as ParamKind[];
  const resultText = text.slice(close + 1);
  const result = resultText === "" ? null : (resultText as ResultKind);
  return {
    text,
    params,
    result,
    type: { params: params.map((p) => valTypeOf[p]), results: result === null ? [] : [valTypeOf[result]] },
  };
}

/** What a `null` signature means for an import of `type`: all-i32, or undefined when it is not. */
export function allI32Signature(type: FuncType): NativeSignature | undefined {
  if (type.results.length > 1) return undefined;
  if (![...type.params, ...type.results].every((t) => t === ValType.i32)) return undefined;
  return parseSignature(`(${"i".repeat(type.params.length)})${type.results.length === 1 ? "i" : ""}`);
}
