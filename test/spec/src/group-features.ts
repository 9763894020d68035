import { type Features, wasm2Features, wasm3Features } from "@microwasm/core";

/**
 * The feature set each group's scripts were written for (see the data's README): the 2.0
 * groups expect 2.0's rules (e.g. a constant `global.get` of a module's own global is "unknown
 * global" there, valid in 3.0), the 3.0 and proposal groups 3.0's.
 */
export function featuresOfGroup(group: string): Features {
  if (group.startsWith("w2")) return wasm2Features;
  // The proposal's scripts keep 2.0's rule that constants read imported globals only.
  if (group === "prop-extended-const") return { ...wasm2Features, extendedConst: true };
  return wasm3Features;
}

/** V8 flags Node 20 needs for the 3.0 features it has behind flags (exceptions and tail calls are on). */
export const nodeWasm3Flags = ["--experimental-wasm-extended-const"] as const;
