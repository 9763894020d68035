import { readFileSync } from "node:fs";
import { parseModule } from "@microwasm/parser";

/** A function type as text, e.g. "(i32 i32)->i32"; value types by their binary code. */
export type TypeText = string;

const valTypeNames: Record<number, string> = { 127: "i32", 126: "i64", 125: "f32", 124: "f64" };

function typeText(type: { params: readonly number[]; results: readonly number[] }): TypeText {
  const names = (types: readonly number[]) =>
    types.map((t) => valTypeNames[t] ?? `0x${t.toString(16)}`).join(" ");
  return `(${names(type.params)})->${names(type.results)}`;
}

/** The signature string's wasm type as text (i, *, ~, $ are i32; I i64; f f32; F f64). */
export function signatureTypeText(signature: string): TypeText {
  const close = signature.indexOf(")");
  const letter = (c: string) => ({ I: 0x7e, f: 0x7d, F: 0x7c })[c] ?? 0x7f;
  return typeText({
    params: [...signature.slice(1, close)].map(letter),
    results: [...signature.slice(close + 1)].map(letter),
  });
}

export interface WasmAppInfo {
  /** Function imports: "module.name" → type. */
  readonly imports: ReadonlyMap<string, TypeText>;
  /** Other imports (memories, tables, globals): "module.name". */
  readonly otherImports: readonly string[];
  /** Function exports: name → type. */
  readonly functionExports: ReadonlyMap<string, TypeText>;
  /** All export names. */
  readonly exports: readonly string[];
}

/** What a built app imports and exports, read with our own parser. */
export function readAppInfo(path: string): WasmAppInfo {
  const module = parseModule(readFileSync(path));
  const imports = new Map<string, TypeText>();
  const otherImports: string[] = [];
  const functionTypes: number[] = [];
  for (const entry of module.imports) {
    if (entry.desc.kind === 0) {
      imports.set(`${entry.module}.${entry.name}`, typeText(module.types[entry.desc.typeIndex]!));
      functionTypes.push(entry.desc.typeIndex);
    } else otherImports.push(`${entry.module}.${entry.name}`);
  }
  functionTypes.push(...module.functions);
  const functionExports = new Map<string, TypeText>();
  for (const entry of module.exports)
    if (entry.kind === 0)
      functionExports.set(entry.name, typeText(module.types[functionTypes[entry.index]!]!));
  return { imports, otherImports, functionExports, exports: module.exports.map((e) => e.name) };
}
