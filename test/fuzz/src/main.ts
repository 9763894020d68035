import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError, Option } from "commander";
import { binaryenInfo, removeScratch } from "./binaryen.js";
import { type CampaignResult, type Finding, planTracks, runCampaign, suspectCluster } from "./campaign.js";
import { TIERS, type Tier } from "./engines.js";
import { FEATURE_SET_NAMES, type FeatureSetName } from "./feature-sets.js";
import { minimise } from "./minimise.js";
import { FuzzPool } from "./pool.js";
import { createProgress, describeStats } from "./progress.js";

/**
 * `pnpm fuzz -- [--modules N] [--mutations N] [--duration S] [--seed N] [--feature-set NAME]
 * [--tier NAME] [--jobs N] [--json FILE]`: the long-running differential and mutation fuzzers.
 * Exit code 1 when anything differed or went wrong, 2 for usage errors or missing binaryen.
 */

interface CliOptions {
  modules: number;
  mutations: number;
  duration: number;
  seed: number;
  featureSet: FeatureSetName[];
  tier: Tier[];
  jobs: number;
  timeout: number;
  findings: string;
  minimise: boolean;
  json?: string;
}

const nonNegativeInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a non-negative integer");
  return n;
};
const collect =
  <T extends string>(allowed: readonly T[]) =>
  (value: string, previous: T[]): T[] => {
    const items = value.split(",").map((s) => s.trim());
    for (const item of items) {
      if (!(allowed as readonly string[]).includes(item)) {
        throw new InvalidArgumentError(`expected one of ${allowed.join(", ")}`);
      }
    }
    return [...previous, ...(items as T[])];
  };

const defaultFindings = fileURLToPath(new URL("../findings", import.meta.url));

const program = new Command("fuzz")
  .description("Differential fuzzing against Node's engine (binaryen -ttf modules) and mutation fuzzing")
  .option("--modules <n>", "generated modules per tier and feature set", nonNegativeInt, 1000)
  .option("--mutations <n>", "mutated real modules per tier", nonNegativeInt, 10_000)
  .option("--duration <seconds>", "stop starting new cases after this long (0: no limit)", nonNegativeInt, 0)
  .option("--seed <n>", "first seed (case i uses seed + i); default: from the clock", nonNegativeInt)
  .addOption(
    new Option(
      "--feature-set <names>",
      `feature sets, repeatable or comma-separated (${FEATURE_SET_NAMES.join(", ")})`,
    )
      .argParser(collect(FEATURE_SET_NAMES))
      .default([]),
  )
  .addOption(
    new Option("--tier <names>", `microwasm tiers, repeatable or comma-separated (${TIERS.join(", ")})`)
      .argParser(collect(TIERS))
      .default([]),
  )
  .option("--jobs <n>", "worker threads", nonNegativeInt, Math.max(1, Math.min(2, availableParallelism())))
  .option("--timeout <seconds>", "time limit per case before its worker is replaced", nonNegativeInt, 60)
  .option("--findings <dir>", "where modules that differ are written", defaultFindings)
  .option("--no-minimise", "do not shrink the modules that differ (wasm-reduce can take minutes)")
  .option("--json <file>", "write the counts and findings as JSON")
  .showHelpAfterError();

async function main(argv: string[]): Promise<number> {
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  program.parse(args, { from: "user" });
  const options = program.opts<CliOptions>();
  const binaryen = binaryenInfo();
  if (!binaryen.available && options.modules > 0) {
    console.error(`${binaryen.detail}: the differential fuzzer needs it (--modules 0 runs mutations only).`);
    return 2;
  }
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const campaign = {
    tiers: options.tier.length > 0 ? options.tier : [...TIERS],
    featureSets: options.featureSet.length > 0 ? options.featureSet : FEATURE_SET_NAMES,
    modules: options.modules,
    mutations: options.mutations,
    seed,
    jobs: Math.max(1, options.jobs),
    durationMs: options.duration * 1000,
    taskTimeoutMs: Math.max(1, options.timeout) * 1000,
    callTimeoutMs: 10_000,
    findingsDir: options.findings,
  };
  console.log(
    `seed ${seed}, ${binaryen.detail}, ${campaign.jobs} workers; findings go to ${options.findings}`,
  );
  const tracks = planTracks(campaign);
  // Ctrl-C (or a kill) ends the run early with the summary of what finished; a second one exits.
  const stop = new AbortController();
  const onSignal = (): void => {
    if (stop.signal.aborted) process.exit(130);
    console.log("\nstopping: finishing the cases under way (again to quit at once)");
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const progress = createProgress(tracks);
  const result = await runCampaign(
    {
      ...campaign,
      signal: stop.signal,
      onResult: (track, r) => {
        progress.update(track);
        if (r.kind === "timeout") progress.log(`${track.name}: a case timed out (seed in the JSON report)`);
      },
    },
    tracks,
  ).finally(() => {
    progress.end();
    removeScratch();
  });
  for (const f of result.findings)
    console.log(`${f.track} seed ${f.seed}: ${f.summary}${f.file ? ` (${f.file})` : ""}`);
  if (options.minimise) await minimiseFindings(result.findings, campaign);
  console.log(formatSummary(result));
  if (options.json) writeFileSync(options.json, `${JSON.stringify({ seed, ...result }, null, 2)}\n`);
  const clusters = result.tracks.filter(suspectCluster);
  for (const s of clusters)
    console.log(
      `${s.track}: microwasm alone ran out of stack or time in ${s.testedEngineAlone} of ${s.done} cases (a cluster: look at the suspect-* modules in ${options.findings})`,
    );
  return result.findings.length > 0 || clusters.length > 0 ? 1 : 0;
}

/**
 * Shrinks the differential findings (the first few of each kind of difference: the rest are
 * most likely the same bug) and writes `<finding>.min.wasm` and `.min.wat` beside them.
 */
async function minimiseFindings(
  findings: readonly Finding[],
  options: { jobs: number; taskTimeoutMs: number; callTimeoutMs: number },
): Promise<void> {
  const pool = new FuzzPool({ ...options, jobs: 1 });
  const perKind = new Map<string, number>();
  try {
    for (const f of findings) {
      if (!f.file || !f.featureSet) continue;
      const kind = f.summary.replace(/"[^"]*"/g, "").replace(/line \d+/, "");
      const seen = perKind.get(kind) ?? 0;
      perKind.set(kind, seen + 1);
      if (seen >= 2) continue;
      console.log(`minimising ${f.file} ...`);
      const min = await minimise(new Uint8Array(readFileSync(f.file)), f.featureSet, f.tier, pool);
      const base = f.file.replace(/\.wasm$/, "");
      writeFileSync(`${base}.min.wasm`, min.bytes);
      writeFileSync(`${base}.min.wat`, min.text);
      console.log(`  ${min.bytes.length} bytes (${min.verdict}): ${base}.min.wat`);
    }
  } finally {
    await pool.close();
  }
}

function formatSummary(result: CampaignResult): string {
  const lines = [`${result.seconds.toFixed(0)} s`];
  for (const s of result.tracks) {
    lines.push(`${s.track}: ${s.done} cases: ${describeStats(s)}`);
    for (const [reason, n] of Object.entries(s.skipped)) lines.push(`  skipped ${n}: ${reason}`);
    if (s.testedEngineAlone > 0)
      lines.push(`  microwasm alone ran out of stack or time: ${s.testedEngineAlone} (kept: suspect-*)`);
    if (s.track.endsWith("/mutation")) {
      const m = s.mutation;
      lines.push(
        `  valid ${m.valid}, invalid ${m.invalid} (3.0 features node accepts: ${m.beyondWasm2}), validity disagreements ${m.disagreements}, bad exceptions ${m.problems}`,
      );
    }
  }
  return lines.join("\n");
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
