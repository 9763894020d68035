/** Proposal switches. Each opcode row names the feature that introduced it. */
export interface Features {
  readonly signExtension: boolean;
  readonly saturatingFloatToInt: boolean;
  readonly multiValue: boolean;
  readonly referenceTypes: boolean;
  readonly bulkMemory: boolean;
  readonly simd: boolean;
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
});

/** WebAssembly 2.0: the default. */
export const wasm2Features: Features = Object.freeze({
  signExtension: true,
  saturatingFloatToInt: true,
  multiValue: true,
  referenceTypes: true,
  bulkMemory: true,
  simd: true,
});

export function isFeatureEnabled(features: Features, feature: Feature): boolean {
  return feature === "mvp" || features[feature];
}
