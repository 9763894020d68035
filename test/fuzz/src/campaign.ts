import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Tier } from "./engines.js";
import type { FeatureSetName } from "./feature-sets.js";
import { FuzzPool } from "./pool.js";
import { formatTranscript } from "./transcript.js";
import type { FuzzTask, TaskResult } from "./worker-protocol.js";

/**
 * A fuzzing campaign: differential cases for each (tier, feature set) and mutation cases for each
 * tier, run on a worker pool, counted, with every finding written to `findingsDir`.
 */

export interface CampaignOptions {
  readonly tiers: readonly Tier[];
  readonly featureSets: readonly FeatureSetName[];
  /** Generated modules per tier and feature set. */
  readonly modules: number;
  /** Mutated modules per tier. */
  readonly mutations: number;
  /** First seed; case i uses seed + i. */
  readonly seed: number;
  readonly jobs: number;
  /** Stop starting new cases after this long (0: no limit). */
  readonly durationMs: number;
  readonly taskTimeoutMs: number;
  readonly callTimeoutMs: number;
  /** Where modules that show a difference or a problem are written (null: nowhere). */
  readonly findingsDir: string | null;
  readonly onResult?: (track: Track, result: TaskResult) => void;
  /** Stops starting new cases (e.g. on Ctrl-C); the result counts what finished. */
  readonly signal?: AbortSignal;
}

export interface Finding {
  readonly track: string;
  readonly tier: Tier;
  /** The generated module's feature set; absent for mutation findings. */
  readonly featureSet?: FeatureSetName;
  readonly seed: number;
  readonly summary: string;
  readonly file: string | null;
}

export interface TrackStats {
  readonly track: string;
  /** Cases run. */
  done: number;
  same: number;
  different: number;
  /** Skipped differential cases by reason. */
  skipped: Record<string, number>;
  /**
   * Of those, the cases where only microwasm ran out of stack or time while Node's engine
   * finished: not proof of a bug (stack depth is an engine's choice), but a cluster of them
   * is how a leak of stack depth showed itself once, so they are counted and kept.
   */
  testedEngineAlone: number;
  timeouts: number;
  errors: number;
  /** Mutation cases: how far the mutated modules got, and what went wrong. */
  mutation: { valid: number; invalid: number; beyondWasm2: number; disagreements: number; problems: number };
}

export interface Track {
  readonly name: string;
  readonly tier: Tier;
  readonly featureSet?: FeatureSetName;
  readonly total: number;
  readonly task: (seed: number) => FuzzTask;
  readonly stats: TrackStats;
}

export interface CampaignResult {
  readonly tracks: readonly TrackStats[];
  readonly findings: readonly Finding[];
  readonly seconds: number;
}

export function planTracks(options: CampaignOptions): Track[] {
  const tracks: Track[] = [];
  for (const tier of options.tiers) {
    for (const featureSet of options.featureSets) {
      const name = `${tier}/${featureSet}`;
      tracks.push({
        name,
        tier,
        featureSet,
        total: options.modules,
        task: (seed) => ({ kind: "differential", seed, featureSet, tier }),
        stats: emptyStats(name),
      });
    }
    if (options.mutations > 0) {
      const name = `${tier}/mutation`;
      tracks.push({
        name,
        tier,
        total: options.mutations,
        task: (seed) => ({ kind: "mutation", seed, tier }),
        stats: emptyStats(name),
      });
    }
  }
  return tracks.filter((t) => t.total > 0);
}

function emptyStats(track: string): TrackStats {
  return {
    track,
    done: 0,
    same: 0,
    different: 0,
    skipped: {},
    testedEngineAlone: 0,
    timeouts: 0,
    errors: 0,
    mutation: { valid: 0, invalid: 0, beyondWasm2: 0, disagreements: 0, problems: 0 },
  };
}

/** Runs the tracks' cases interleaved (so a time limit cuts every track short evenly). */
export async function runCampaign(
  options: CampaignOptions,
  tracks = planTracks(options),
): Promise<CampaignResult> {
  const started = performance.now();
  const pool = new FuzzPool({
    jobs: options.jobs,
    taskTimeoutMs: options.taskTimeoutMs,
    callTimeoutMs: options.callTimeoutMs,
  });
  const findings: Finding[] = [];
  const queue: { track: Track; seed: number }[] = [];
  const longest = Math.max(0, ...tracks.map((t) => t.total));
  for (let i = 0; i < longest; i++) {
    for (const track of tracks) if (i < track.total) queue.push({ track, seed: (options.seed + i) >>> 0 });
  }
  const outOfTime = (): boolean =>
    options.signal?.aborted === true ||
    (options.durationMs > 0 && performance.now() - started > options.durationMs);
  const lane = async (): Promise<void> => {
    for (let next = queue.shift(); next && !outOfTime(); next = queue.shift()) {
      const result = await pool.run(next.track.task(next.seed));
      const finding = record(next.track, next.seed, result, options.findingsDir);
      if (finding) findings.push(finding);
      options.onResult?.(next.track, result);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, lane));
  } finally {
    await pool.close();
  }
  return { tracks: tracks.map((t) => t.stats), findings, seconds: (performance.now() - started) / 1000 };
}

function record(track: Track, seed: number, result: TaskResult, dir: string | null): Finding | null {
  const { stats } = track;
  const where = {
    track: track.name,
    tier: track.tier,
    seed,
    ...(track.featureSet ? { featureSet: track.featureSet } : {}),
  };
  stats.done++;
  switch (result.kind) {
    case "timeout":
      stats.timeouts++;
      return null;
    case "error":
      stats.errors++;
      return {
        ...where,
        summary: `fuzzer error: ${result.message.split("\n")[0]}`,
        file: null,
      };
    case "verdict":
      return null;
    case "differential": {
      const { outcome } = result;
      if (outcome.kind === "same") stats.same++;
      else if (outcome.kind === "skipped") {
        stats.skipped[outcome.reason] = (stats.skipped[outcome.reason] ?? 0) + 1;
        if (outcome.reason.endsWith("(tested engine)")) {
          // The first few are kept beside the findings, to look at when they cluster.
          if (++stats.testedEngineAlone <= KEPT_SUSPECTS)
            save(dir, `suspect/${stats.track}`, seed, result.bytes, [`# ${outcome.reason}`]);
        }
      } else {
        stats.different++;
        const { line, expected, actual } = outcome.comparison;
        const summary = `line ${line}: node "${expected}", microwasm "${actual}"`;
        const file = save(dir, stats.track, seed, result.bytes, [
          `# ${summary}`,
          "## node",
          formatTranscript(outcome.expected),
          "## microwasm",
          formatTranscript(outcome.actual),
        ]);
        return { ...where, summary, file };
      }
      return null;
    }
    case "mutation": {
      const { check } = result;
      const m = stats.mutation;
      if (check.valid) m.valid++;
      else m.invalid++;
      if (check.beyondWasm2) m.beyondWasm2++;
      if (check.disagreement) m.disagreements++;
      if (check.problem) m.problems++;
      if (!check.problem && !check.disagreement) {
        stats.same++;
        return null;
      }
      stats.different++;
      const summary = `${result.source} after ${result.applied.join(", ")}: ${check.problem ?? check.disagreement}`;
      return {
        ...where,
        summary,
        file: save(dir, stats.track, seed, result.bytes, [summary]),
      };
    }
  }
}

/** How many cases per track where only microwasm ran out of stack or time are written out. */
const KEPT_SUSPECTS = 5;

/**
 * Whether a track's cases where only microwasm ran out of stack or time are too many to be the
 * engines' different limits (more than 1% of its cases, and more than 3).
 */
export function suspectCluster(stats: TrackStats): boolean {
  return stats.testedEngineAlone > Math.max(3, stats.done / 100);
}

function save(
  dir: string | null,
  track: string,
  seed: number,
  bytes: Uint8Array | undefined,
  notes: string[],
): string | null {
  if (!dir || !bytes) return null;
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `${track.replaceAll("/", "-")}-${seed}`);
  writeFileSync(`${base}.wasm`, bytes);
  writeFileSync(`${base}.txt`, `${notes.join("\n")}\n`);
  return `${base}.wasm`;
}
