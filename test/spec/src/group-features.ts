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
  return wasm3Features;
}
