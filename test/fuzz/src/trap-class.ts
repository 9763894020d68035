/**
 * Traps are deterministic in the spec, but engines word them differently; both sides are mapped
 * to one class per spec reason (coarse where V8 folds reasons into one message) so a trap of the
 * wrong kind is a difference too.
 */
export type TrapClass =
  | "unreachable"
  | "memory"
  | "div-by-zero"
  | "overflow"
  | "conversion"
  | "float-to-int"
  | "table"
  | "indirect"
  | "null"
  | "trap";

/** microwasm's trap kinds (core's `Trap` keys). */
const microwasmClasses: Record<string, TrapClass> = {
  unreachable: "unreachable",
  memoryOutOfBounds: "memory",
  integerDivideByZero: "div-by-zero",
  integerOverflow: "overflow",
  invalidConversion: "conversion",
  tableOutOfBounds: "table",
  undefinedElement: "table",
  uninitializedElement: "indirect",
  indirectCallTypeMismatch: "indirect",
  nullReference: "null",
};

/** V8's trap messages (its `WasmTrap*` message templates). */
const v8Classes: readonly [RegExp, TrapClass][] = [
  [/^unreachable/, "unreachable"],
  [/memory access out of bounds|data segment/, "memory"],
  [/(divide|remainder) by zero/, "div-by-zero"],
  [/divide result unrepresentable/, "overflow"],
  [/float unrepresentable/, "float-to-int"],
  [/table index is out of bounds|element segment|invalid index into function table/, "table"],
  [/null function or function signature mismatch/, "indirect"],
  [/null pointer/, "null"],
];

/**
 * Whether a reference trap class accepts the tested engine's. V8 has one message for both of a
 * float-to-int truncation's traps (NaN: "invalid conversion to integer", out of range: "integer
 * overflow"), and a message it has not been mapped for ("trap") accepts any trap.
 */
export function trapClassesMatch(reference: string, tested: string): boolean {
  if (reference === tested || reference === "trap" || tested === "trap") return true;
  return reference === "float-to-int" && (tested === "overflow" || tested === "conversion");
}

export function microwasmTrapClass(kind: string): TrapClass {
  return microwasmClasses[kind] ?? "trap";
}

export function v8TrapClass(message: string): TrapClass {
  for (const [pattern, cls] of v8Classes) if (pattern.test(message)) return cls;
  return "trap";
}
