import { availableParallelism } from "node:os";
import { countCommands } from "./commands.js";
import { listGroups, listScripts, scriptPath } from "./data-dir.js";
import { type Engine, type EngineName, loadEngine } from "./engine.js";
import { runInWorkers, type ScriptTask } from "./pool.js";
import { type Reporter, silentReporter } from "./progress.js";
import { type ScriptResult, type Summary, summarize } from "./results.js";
import { runScript } from "./script-runner.js";

export interface SuiteOptions {
  readonly engine: EngineName;
  readonly specDir: string;
  readonly groups: readonly string[];
  /** Only these scripts (by name, in any of the groups); all when absent or empty. */
  readonly scripts?: readonly string[];
  /** Worker threads; 0 runs in this thread (no timeouts). Default: min(2, cores). */
  readonly jobs?: number;
  /** Per-script time limit on workers (default 120 s). */
  readonly timeoutMs?: number;
  /** Failure details kept per script (default 5). */
  readonly maxFailures?: number;
  readonly reporter?: Reporter;
}

export const defaultJobs = (): number => Math.max(1, Math.min(2, availableParallelism()));

/** Lists the scripts to run; throws for a group that does not exist. */
export function planTasks(
  specDir: string,
  groups: readonly string[],
  scripts?: readonly string[],
): ScriptTask[] {
  const known = new Set(listGroups(specDir));
  const tasks: ScriptTask[] = [];
  for (const group of groups) {
    if (!known.has(group))
      throw new Error(`unknown group "${group}"; the data has: ${[...known].join(", ")}`);
    for (const script of listScripts(specDir, group)) {
      if (scripts && scripts.length > 0 && !scripts.includes(script)) continue;
      tasks.push({ group, script, commands: countCommands(scriptPath(specDir, group, script)) });
    }
  }
  // Longest first, so that two workers finish close together.
  return tasks.sort((a, b) => b.commands - a.commands);
}

export async function runSuite(options: SuiteOptions): Promise<Summary> {
  const started = new Date();
  const t0 = performance.now();
  const tasks = planTasks(options.specDir, options.groups, options.scripts);
  const reporter = options.reporter ?? silentReporter;
  const jobs = options.jobs ?? defaultJobs();
  const maxFailures = options.maxFailures ?? 5;
  reporter.begin(tasks);
  let results: ScriptResult[];
  try {
    if (jobs === 0) {
      const engines = new Map<string, Engine>();
      results = [];
      for (const task of tasks) {
        let engine = engines.get(task.group);
        if (engine === undefined) {
          engine = await loadEngine(options.engine, task.group);
          engines.set(task.group, engine);
        }
        reporter.onStart?.(task);
        const result = runScript(engine, options.specDir, task.group, task.script, {
          maxFailures,
          onProgress: (done, counts) => reporter.onProgress?.(task, done, counts),
        });
        results.push(result);
        reporter.onResult?.(result);
        await new Promise((resolve) => setImmediate(resolve)); // let the display catch up
      }
    } else {
      results = await runInWorkers(tasks, {
        engine: options.engine,
        specDir: options.specDir,
        jobs,
        timeoutMs: options.timeoutMs ?? 120_000,
        maxFailures,
        ...bind(reporter),
      });
    }
  } finally {
    reporter.end();
  }
  return summarize(options.engine, options.specDir, started, Math.round(performance.now() - t0), results);
}

function bind(reporter: Reporter): Pick<Reporter, "onStart" | "onProgress" | "onResult"> {
  return {
    onStart: reporter.onStart?.bind(reporter),
    onProgress: reporter.onProgress?.bind(reporter),
    onResult: reporter.onResult?.bind(reporter),
  };
}

/** A human-readable report: per group totals, then the failing scripts with their first failures. */
export function formatSummary(summary: Summary, detail: "totals" | "first" | "all" = "first"): string {
  const verbose = detail === "all";
  const out: string[] = [];
  const counts = (c: Summary["totals"]): string =>
    `${c.pass} pass, ${c.fail} fail, ${c.skip} skip of ${c.commands}` +
    (c.nanQuieted > 0 ? ` (${c.nanQuieted} nan-quieted)` : "") +
    (c.messageMismatch > 0 ? ` (${c.messageMismatch} msg-mismatch)` : "");
  for (const [group, g] of Object.entries(summary.groups)) {
    out.push(`${group}: ${counts(g.totals)}`);
    const skips = new Map<string, number>();
    for (const r of Object.values(g.scripts)) {
      for (const [reason, n] of Object.entries(r.skipReasons))
        skips.set(reason, (skips.get(reason) ?? 0) + n);
    }
    for (const [reason, n] of skips) out.push(`  skipped ${n}: ${reason}`);
    for (const r of Object.values(g.scripts)) {
      if (detail === "totals" || (r.fail === 0 && r.messageMismatch === 0)) continue;
      const extra = r.messageMismatch > 0 ? `, ${r.messageMismatch} msg-mismatch` : "";
      out.push(
        `  ${r.script}: ${r.pass} pass, ${r.fail} fail${extra}${r.aborted ? ` (aborted: ${r.aborted})` : ""}`,
      );
      const shown = verbose ? r.failures : r.failures.slice(0, 3);
      for (const f of shown) out.push(`    line ${f.line} ${f.command}: ${f.message}`);
      const mismatches = verbose ? r.messageMismatches : r.messageMismatches.slice(0, r.fail > 0 ? 0 : 3);
      for (const f of mismatches)
        out.push(`    line ${f.line} ${f.command}: passed, but message ${f.message}`);
    }
  }
  out.push(
    `engine ${summary.engine}: ${counts(summary.totals)} in ${(summary.durationMs / 1000).toFixed(1)} s`,
  );
  return out.join("\n");
}
