/** Proposal switches. Each opcode row names the feature that introduced it. */
export interface Features {
  readonly signExtension: boolean;
  readonly saturatingFloatToInt: boolean;
  readonly multiValue: boolean;
  readonly referenceTypes: boolean;
  readonly bulkMemory: boolean;
  readonly simd: boolean;
  /** 3.0: memory indices on every memory instruction, several memories per module. */
  readonly multiMemory: boolean;
  /** 3.0: memories with 64-bit addresses and limits. */
  readonly memory64: boolean;
  /** 3.0: the relaxed SIMD instructions. */
  readonly relaxedSimd: boolean;
  /** Threads: shared memories, atomic instructions, wait and notify. */
  readonly threads: boolean;
}
export type Feature = keyof Features | "mvp";

/** WebAssembly 1.0 (MVP). */
export const mvpFeatures: Features = Object.freeze({
  signExtension: false,
  saturatingFloatToInt: false,
  multiValue: false,
  referenceTypes: false,
  bulkMemory: false,
  simd: false,
  multiMemory: false,
  memory64: false,
  relaxedSimd: false,
  threads: false,
});

/** WebAssembly 2.0. */
export const wasm2Features: Features = Object.freeze({
  signExtension: true,
  saturatingFloatToInt: true,
  multiValue: true,
  referenceTypes: true,
  bulkMemory: true,
  simd: true,
  multiMemory: false,
  memory64: false,
  relaxedSimd: false,
  threads: false,
});

/** WebAssembly 3.0 and threads: the default. */
export const wasm3Features: Features = Object.freeze({
  ...wasm2Features,
  multiMemory: true,
  memory64: true,
  relaxedSimd: true,
  threads: true,
});

export function isFeatureEnabled(features: Features, feature: Feature): boolean {
  return feature === "mvp" || features[feature];
}
