/**
 * The feature sets modules are generated over: WebAssembly 2.0 and subsets of it. Each starts
 * from binaryen's `--mvp-features` (everything off, including every 3.0 proposal binaryen knows:
 * threads, exceptions, tail calls, GC, memory64, relaxed SIMD, extended-const, ...) and turns on
 * only 2.0 features, so no generated module needs more than microwasm supports.
 */

/** 2.0 features by binaryen's flag names (`--enable-<name>`). */
const scalar2 = [
  "sign-ext",
  "nontrapping-float-to-int",
  "mutable-globals",
  "bulk-memory",
  "multivalue",
] as const;

export const FEATURE_SETS = {
  /** WebAssembly 1.0 as binaryen sees it (no exported mutable globals either). */
  mvp: [] as readonly string[],
  /** 2.0 without SIMD and reference types. */
  "w2-scalar": scalar2,
  /** 2.0 with SIMD, without reference types. */
  "w2-simd": [...scalar2, "simd"],
  /**
   * All of 2.0. binaryen 108's reference types predate the final spec (funcref is a subtype of
   * externref, `ref.func` has a non-nullable typed-reference type), so many of these modules are
   * invalid 2.0: they are skipped when Node rejects them (and microwasm must reject them too).
   */
  "w2-all": [...scalar2, "simd", "reference-types"],
} as const satisfies Record<string, readonly string[]>;

export type FeatureSetName = keyof typeof FEATURE_SETS;
export const FEATURE_SET_NAMES = Object.keys(FEATURE_SETS) as FeatureSetName[];

/** The binaryen tool flags that select exactly this feature set. */
export function binaryenFeatureFlags(name: FeatureSetName): string[] {
  return ["--mvp-features", ...FEATURE_SETS[name].map((f) => `--enable-${f}`)];
}
