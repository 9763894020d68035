import { writeFileSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { compareWithBaseline, updateBaseline } from "./baseline.js";
import { DEFAULT_GROUPS, hasSpecData, missingDataHelp, resolveSpecDir } from "./data-dir.js";
import { ENGINE_NAMES, type EngineName } from "./engine.js";
import { createReporter } from "./progress.js";
import { defaultJobs, formatSummary, runSuite } from "./run-suite.js";

/**
 * `pnpm spec -- [--engine node|microwasm|microwasm-aot] [--group w2] [--script i32] [--update-baseline]
 * [--json out.json] [--verbose]`: runs the spec suite and reports per script and group.
 *
 * Exit code: 1 when the node engine fails anything (the runner itself is then wrong) or when
 * the microwasm engine passes fewer commands than a baseline; 2 for usage errors; else 0.
 */

interface CliOptions {
  engine: EngineName;
  group: string[];
  script: string[];
  updateBaseline: boolean;
  json?: string;
  verbose: boolean;
  jobs: number;
  timeout: number;
}

const list = (value: string, previous: string[]): string[] => [
  ...previous,
  ...value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
];
const nonNegativeInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a non-negative integer");
  return n;
};

const program = new Command("spec")
  .description("Run the WebAssembly spec test suite through the standard JS API")
  .addOption(new Option("--engine <engine>", "engine to test").choices(ENGINE_NAMES).default("microwasm"))
  .option(
    "--group <names>",
    `groups to run, repeatable or comma-separated (default: ${DEFAULT_GROUPS.join(",")})`,
    list,
    [],
  )
  .option("--script <names>", "only these scripts, repeatable or comma-separated", list, [])
  .option("--update-baseline", "raise the microwasm baselines to what passed (never lowers)", false)
  .option("--json <file>", "write the machine-readable summary to this file")
  .option("--verbose", "show every failure, not just the first few", false)
  .option(
    "--jobs <n>",
    "worker threads (0: run in this thread, without timeouts)",
    nonNegativeInt,
    defaultJobs(),
  )
  .option("--timeout <seconds>", "time limit per script on workers (0: none)", nonNegativeInt, 120)
  .showHelpAfterError();

async function main(argv: string[]): Promise<number> {
  // `pnpm run spec -- --engine node` hands the script a literal "--" first.
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  program.parse(args, { from: "user" });
  const options = program.opts<CliOptions>();

  if (options.updateBaseline && options.engine === "node") {
    console.error(
      "--update-baseline records a microwasm tier's results; run it with --engine microwasm or microwasm-aot.",
    );
    return 2;
  }
  const specDir = resolveSpecDir();
  if (!hasSpecData(specDir)) {
    console.log(missingDataHelp(specDir));
    return 0;
  }

  const groups = options.group.length > 0 ? options.group : [...DEFAULT_GROUPS];
  const summary = await runSuite({
    engine: options.engine,
    specDir,
    groups,
    scripts: options.script,
    jobs: options.jobs,
    timeoutMs: options.timeout * 1000,
    maxFailures: options.verbose ? Number.POSITIVE_INFINITY : 5,
    reporter: createReporter(),
  });
  console.log("");
  console.log(formatSummary(summary, options.verbose ? "all" : "first"));
  if (options.json) {
    writeFileSync(options.json, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`summary written to ${options.json}`);
  }

  let exitCode = options.engine === "node" && summary.totals.fail > 0 ? 1 : 0;
  if (options.engine !== "node") {
    if (options.updateBaseline) {
      const update = updateBaseline(summary);
      for (const d of update.raised)
        console.log(`baseline ${d.group}/${d.script}: ${d.baseline} -> ${d.passed}`);
      for (const d of update.refused) {
        console.log(
          `baseline ${d.group}/${d.script}: NOT lowered from ${d.baseline} to ${d.passed} (baselines only go up; fix the regression)`,
        );
      }
      for (const file of update.written) console.log(`wrote ${file}`);
      if (update.raised.length === 0 && update.refused.length === 0) console.log("baselines unchanged");
      if (update.refused.length > 0) exitCode = 1;
    } else {
      const { regressions, improvements } = compareWithBaseline(summary);
      for (const d of regressions) {
        console.log(`REGRESSION ${d.group}/${d.script}: ${d.passed} pass, baseline ${d.baseline}`);
      }
      for (const d of improvements)
        console.log(`improved ${d.group}/${d.script}: ${d.passed} pass, baseline ${d.baseline}`);
      if (improvements.length > 0) console.log("record improvements with --update-baseline");
      if (regressions.length > 0) exitCode = 1;
    }
  }
  const t = summary.totals;
  console.log(`spec: ${t.pass} passed, ${t.fail} failed, ${t.skip} skipped`);
  return exitCode;
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
