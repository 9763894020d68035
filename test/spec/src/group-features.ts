import { type Features, wasm2Features, wasm3Features } from "@microwasm/core";

/**
 * The feature set each group's scripts were written for (the data's README: where 3.0 changed
 * a 2.0 rule, each group expects its own): the 2.0 groups run as WebAssembly 2.0, the threads
 * proposal's scripts as 2.0 without reference types plus threads (the proposal predates
 * both multiple tables and multiple memories: its scripts expect them invalid), and the 3.0
 * groups with everything on.
 */
export function groupFeatures(group: string): Features {
  if (group === "w2" || group.startsWith("w2-")) return wasm2Features;
  if (group === "prop-threads")
    return Object.freeze({ ...wasm2Features, referenceTypes: false, threads: true });
  // The proposal's scripts keep 2.0's rule that constants read imported globals only.
  if (group === "prop-extended-const") return Object.freeze({ ...wasm2Features, extendedConst: true });
  return wasm3Features;
}

/** V8 flags Node 20 needs for the 3.0 features it has behind flags (exceptions and tail calls are on). */
export const nodeWasm3Flags = ["--experimental-wasm-extended-const"] as const;
