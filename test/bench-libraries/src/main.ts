import { writeFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { Command, InvalidArgumentError } from "commander";
import { cases } from "./cases.js";
import type { CaseResult, WorkerRequest } from "./engine-worker.js";

/**
 * `pnpm bench:libraries -- [--quick] [--only sha256,sqlite] [--repeat N] [--json FILE]`: real
 * libraries that ship wasm with their own JS glue (npm), each run through that glue on Node's
 * WebAssembly and on microwasm, one worker thread per engine in this one process. Prints each
 * case's time on both, the ratio, the geometric mean; exit code 1 when an engine's output
 * differs from Node's (or a case fails), 2 for usage errors.
 */

/** Node's own engine (the reference) and microwasm's two tiers. */
const ENGINES = ["node", "interpreter", "aot"] as const;
const TIERS = ["interpreter", "aot"] as const;

interface CliOptions {
  quick: boolean;
  only: string[];
  repeat: number;
  json: string | undefined;
}

const list = (value: string, previous: string[]) => [...previous, ...value.split(",").filter(Boolean)];
const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
};

const program = new Command("bench-libraries")
  .description(
    "Libraries that ship wasm on npm, through their own glue: Node's WebAssembly against microwasm",
  )
  .option("--quick", "small inputs (a smoke run)", false)
  .option("--only <names>", `cases to run (${cases.map((c) => c.name).join(", ")})`, list, [])
  .option("--repeat <n>", "timed runs per case and engine (the median is reported)", positiveInt, 3)
  .option("--json <file>", "also write the results as JSON")
  .showHelpAfterError();

function runEngine(request: WorkerRequest): Promise<CaseResult[]> {
  return new Promise((resolve, reject) => {
    const results: CaseResult[] = [];
    const worker = new Worker(new URL("./engine-worker.js", import.meta.url), { workerData: request });
    worker.on("message", (result: CaseResult) => {
      results.push(result);
      const line = "error" in result ? `error: ${result.error}` : `${result.runMs.toFixed(1)} ms`;
      process.stderr.write(`  ${request.engine} ${result.name}: ${line}\n`);
    });
    worker.on("error", reject);
    worker.on("exit", () => resolve(results));
  });
}

async function main(argv: string[]): Promise<number> {
  program.parse(argv[0] === "--" ? argv.slice(1) : argv, { from: "user" });
  const options = program.opts<CliOptions>();
  const unknown = options.only.filter((name) => !cases.some((c) => c.name === name));
  if (unknown.length > 0) {
    console.error(`unknown case(s): ${unknown.join(", ")}`);
    return 2;
  }
  const byEngine = new Map<string, CaseResult[]>();
  for (const engine of ENGINES)
    byEngine.set(
      engine,
      await runEngine({
        engine,
        only: options.only,
        size: options.quick ? "quick" : "full",
        repeat: options.repeat,
      }),
    );

  const reference = byEngine.get("node") ?? [];
  let failed = false;
  const rows: string[][] = [
    ["case", "node ms", ...TIERS.flatMap((t) => [`${t} ms`, "ratio"]), "setup ratio (interp)", "output"],
  ];
  const ratios: Record<(typeof TIERS)[number], number[]> = { interpreter: [], aot: [] };
  const report: object[] = [];
  for (const ref of reference) {
    if ("error" in ref) {
      failed = true;
      rows.push([ref.name, "-", "-", "-", "-", "-", "-", `FAILED (node: ${ref.error})`]);
      report.push({ name: ref.name, error: `node: ${ref.error}` });
      continue;
    }
    const row = [ref.name, ref.runMs.toFixed(1)];
    const entry: Record<string, unknown> = { name: ref.name, node: ref };
    const problems: string[] = [];
    let setupRatio = "-";
    for (const tier of TIERS) {
      const ours = byEngine.get(tier)?.find((r) => r.name === ref.name);
      if (ours === undefined || "error" in ours) {
        problems.push(`${tier}: ${ours === undefined ? "missing" : ours.error}`);
        row.push("-", "-");
        continue;
      }
      if (ours.checksum !== ref.checksum || !ours.stable || !ref.stable)
        problems.push(`${tier} ${ours.checksum} vs node ${ref.checksum}`);
      const ratio = ours.runMs / ref.runMs;
      ratios[tier].push(ratio);
      row.push(ours.runMs.toFixed(1), `${ratio.toFixed(1)}x`);
      if (tier === "interpreter") setupRatio = `${(ours.setupMs / ref.setupMs).toFixed(1)}x`;
      entry[tier] = { ...ours, ratio };
    }
    if (problems.length > 0) failed = true;
    row.push(setupRatio, problems.length === 0 ? "same" : `DIFFERS (${problems.join("; ")})`);
    rows.push(row);
    report.push(entry);
  }
  const mean = (values: number[]) =>
    values.length > 0 ? Math.exp(values.reduce((a, r) => a + Math.log(r), 0) / values.length) : Number.NaN;
  const geomean = { interpreter: mean(ratios.interpreter), aot: mean(ratios.aot) };
  rows.push([
    "geomean",
    "",
    "",
    `${geomean.interpreter.toFixed(1)}x`,
    "",
    `${geomean.aot.toFixed(1)}x`,
    "",
    "",
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    );
  for (const c of cases)
    if (options.only.length === 0 || options.only.includes(c.name)) console.log(`  ${c.name}: ${c.library}`);
  if (options.json)
    writeFileSync(
      options.json,
      `${JSON.stringify({ quick: options.quick, geomean, cases: report }, null, 2)}\n`,
    );
  return failed ? 1 : 0;
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
