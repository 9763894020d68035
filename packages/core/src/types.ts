/**
 * Value types, encoded by their binary-format byte so that decoding is a range check,
 * not a lookup. Reference types and v128 are part of the same space.
 */
export const ValType = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
} as const;
export type ValType = (typeof ValType)[keyof typeof ValType];
export type NumType = typeof ValType.i32 | typeof ValType.i64 | typeof ValType.f32 | typeof ValType.f64;
export type RefType = typeof ValType.funcref | typeof ValType.externref;

export function isValType(byte: number): byte is ValType {
  return (byte >= 0x7b && byte <= 0x7f) || byte === 0x70 || byte === 0x6f;
}
export function isRefType(type: number): type is RefType {
  return type === ValType.funcref || type === ValType.externref;
}
export function isNumType(type: number): type is NumType {
  return type >= 0x7c && type <= 0x7f;
}

const valTypeNames: Record<number, string> = {
  127: "i32",
  126: "i64",
  125: "f32",
  124: "f64",
  123: "v128",
  112: "funcref",
  111: "externref",
};
export function valTypeName(type: number): string {
  return valTypeNames[type] ?? `0x${type.toString(16)}`;
}

export interface FuncType {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

/** A stable text key for a function type, e.g. "i32 i64->f32"; equal types have equal keys. */
export function funcTypeKey(type: FuncType): string {
  return `${type.params.map(valTypeName).join(" ")}->${type.results.map(valTypeName).join(" ")}`;
}
export function funcTypesEqual(a: FuncType, b: FuncType): boolean {
  if (a.params.length !== b.params.length || a.results.length !== b.results.length) return false;
  for (let i = 0; i < a.params.length; i++) if (a.params[i] !== b.params[i]) return false;
  for (let i = 0; i < a.results.length; i++) if (a.results[i] !== b.results[i]) return false;
  return true;
}

/**
 * `max` is undefined when the limits have no maximum. Memory64 limits are u64: above 2^53 they
 * are rounded, which only ever concerns sizes no memory can have.
 */
export interface Limits {
  readonly min: number;
  readonly max?: number | undefined;
}
export interface TableType {
  readonly elemType: RefType;
  readonly limits: Limits;
}
export interface MemoryType {
  readonly limits: Limits;
  readonly shared: boolean;
  /** Memory64: addresses, sizes and limits are i64 (absent or false: i32). */
  readonly is64?: boolean;
}
export interface GlobalType {
  readonly type: ValType;
  readonly mutable: boolean;
}

export const ExternalKind = { func: 0, table: 1, memory: 2, global: 3 } as const;
export type ExternalKind = (typeof ExternalKind)[keyof typeof ExternalKind];
export const externalKindNames = ["function", "table", "memory", "global"] as const;

/** Size of a wasm page in bytes, and the 2.0 page limit of a 32-bit memory. */
export const PAGE_SIZE = 65536;
export const MAX_PAGES = 65536;
/** The page limit of a 64-bit memory (2^48: its byte size is then 2^64). */
export const MAX_PAGES_64 = 2 ** 48;
