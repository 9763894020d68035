import type { DifferentialOutcome } from "./differential.js";
import type { Tier } from "./engines.js";
import type { FeatureSetName } from "./feature-sets.js";
import type { MutationCheck } from "./mutation-check.js";
import type { Mutation } from "./mutators.js";

/** Messages between the pool (pool.ts) and its workers (worker.ts). */

export interface WorkerSetup {
  /** microwasm's wall-clock limit per entry into wasm. */
  readonly callTimeoutMs: number;
}

export type FuzzTask =
  /** Generate the module for `seed` over the feature set and compare the engines on it. */
  | {
      readonly kind: "differential";
      readonly seed: number;
      readonly featureSet: FeatureSetName;
      readonly tier: Tier;
    }
  /** Mutate a corpus module (picked by `seed`) and check it. */
  | { readonly kind: "mutation"; readonly seed: number; readonly tier: Tier }
  /** Compare the engines on a module (the minimiser's check). */
  | { readonly kind: "verdict"; readonly bytes: Uint8Array; readonly tier: Tier };

export type TaskResult =
  | {
      readonly kind: "differential";
      readonly outcome: DifferentialOutcome;
      /** The module, when the engines differ. */
      readonly bytes?: Uint8Array;
    }
  | {
      readonly kind: "mutation";
      readonly source: string;
      readonly applied: readonly Mutation[];
      readonly check: MutationCheck;
      /** The mutated module, when it showed a problem or a disagreement. */
      readonly bytes?: Uint8Array;
    }
  | { readonly kind: "verdict"; readonly verdict: string }
  /** The worker did not answer in time and was replaced. */
  | { readonly kind: "timeout" }
  /** The task threw in the fuzzer itself (generation failed, a worker died). */
  | { readonly kind: "error"; readonly message: string };

export type FromWorker =
  | { readonly type: "ready" }
  | { readonly type: "result"; readonly result: TaskResult }
  | { readonly type: "fatal"; readonly message: string };
