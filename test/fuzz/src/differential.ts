import { generateModule } from "./binaryen.js";
import { type FuzzEngine, nodeEngine } from "./engines.js";
import { zeroArgumentsByExport } from "./export-params.js";
import type { FeatureSetName } from "./feature-sets.js";
import { runFuzzExec } from "./fuzz-exec.js";
import { Random } from "./random.js";
import { type Comparison, compareTranscripts, type Transcript } from "./transcript.js";

/**
 * One differential case: the module generated from a seed, run under the fuzz-exec protocol on
 * Node's engine (the reference) and on a microwasm tier, transcripts compared.
 */

export type DifferentialOutcome =
  | { readonly kind: "same"; readonly lines: number }
  | {
      readonly kind: "different";
      readonly comparison: Extract<Comparison, { kind: "different" }>;
      readonly expected: Transcript;
      readonly actual: Transcript;
    }
  /** Not a finding: the reference rejected the module, or a resource ran out (see `reason`). */
  | { readonly kind: "skipped"; readonly reason: string };

/** The input bytes binaryen translates: their length picks the module's size (up to ~100 functions). */
export function seedInput(seed: number): Uint8Array {
  const random = new Random(seed);
  return random.bytes(random.between(256, 8192));
}

export function moduleForSeed(seed: number, featureSet: FeatureSetName): Uint8Array {
  return generateModule(seedInput(seed), featureSet);
}

/** Runs `bytes` on both engines and compares. */
export function compareEngines(bytes: Uint8Array, engine: FuzzEngine): DifferentialOutcome {
  if (!nodeEngine.api.validate(bytes)) {
    if (!engine.api.validate(bytes)) return { kind: "skipped", reason: "invalid (both engines)" };
    const rejected: Transcript = { setup: "invalid", lines: [], ended: null };
    const accepted: Transcript = { setup: null, lines: [], ended: null };
    return outcomeOf(compareTranscripts(rejected, accepted), rejected, accepted);
  }
  const args = zeroArgumentsByExport(bytes);
  const expected = runFuzzExec(nodeEngine, bytes, args);
  if (expected.setup !== null) return { kind: "skipped", reason: `node: ${expected.setup}` };
  const actual = runFuzzExec(engine, bytes, args);
  return outcomeOf(compareTranscripts(expected, actual), expected, actual);
}

function outcomeOf(comparison: Comparison, expected: Transcript, actual: Transcript): DifferentialOutcome {
  switch (comparison.kind) {
    case "same":
      return { kind: "same", lines: comparison.lines };
    case "incomparable":
      return { kind: "skipped", reason: comparison.reason };
    case "different":
      return { kind: "different", comparison, expected, actual };
  }
}

/**
 * An outcome in one line without values: "same", "skipped", or "different on <kind of line>
 * / <kind of line>" (e.g. "log i64", "result", "trap", "setup"). The minimiser keeps a smaller
 * module only when this stays the same, so it keeps the same kind of difference.
 */
export function verdictOf(outcome: DifferentialOutcome): string {
  if (outcome.kind !== "different") return outcome.kind;
  const { expected, actual } = outcome.comparison;
  return `different on ${lineKind(expected)} / ${lineKind(actual)}`;
}

function lineKind(line: string): string {
  if (line.startsWith("log ")) return line.split(" ").slice(0, 2).join(" ");
  if (line === "ok" || line.includes(":") || line === "invalid") return "setup";
  return line.split(" ")[0] ?? line;
}
