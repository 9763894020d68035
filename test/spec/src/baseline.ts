import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Summary } from "./results.js";

/**
 * Baselines: `baseline/<group>.json` maps each script to the number of commands the microwasm
 * engine passes. The conformance test fails when a script passes fewer; `--update-baseline`
 * records improvements and never lowers a number.
 */
export const defaultBaselineDir = fileURLToPath(new URL("../baseline/", import.meta.url));

/** Each microwasm tier has its own baselines: the interpreter's at the top, the AOT tier's in `aot/`. */
export function baselineDirFor(engine: string): string {
  return engine === "microwasm-aot" ? join(defaultBaselineDir, "aot") : defaultBaselineDir;
}

const baselineFile = z.record(z.string(), z.number().int().nonnegative());
export type Baseline = z.infer<typeof baselineFile>;

export function baselinePath(group: string, dir = defaultBaselineDir): string {
  return join(dir, `${group}.json`);
}

/** Groups that have a baseline file, sorted. */
export function listBaselineGroups(dir = defaultBaselineDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

export function readBaseline(group: string, dir = defaultBaselineDir): Baseline | undefined {
  const path = baselinePath(group, dir);
  if (!existsSync(path)) return undefined;
  return baselineFile.parse(JSON.parse(readFileSync(path, "utf8")));
}

function writeBaseline(group: string, baseline: Baseline, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const sorted = Object.fromEntries(Object.entries(baseline).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(baselinePath(group, dir), `${JSON.stringify(sorted, null, 2)}\n`);
}

export interface BaselineDelta {
  readonly group: string;
  readonly script: string;
  readonly baseline: number;
  readonly passed: number;
}

export interface Comparison {
  /** Scripts passing fewer commands than their baseline. */
  readonly regressions: BaselineDelta[];
  /** Scripts passing more (or new scripts that pass something). */
  readonly improvements: BaselineDelta[];
}

/** Compares the scripts that ran against their groups' baselines (groups without one are ignored). */
export function compareWithBaseline(summary: Summary, dir = baselineDirFor(summary.engine)): Comparison {
  const regressions: BaselineDelta[] = [];
  const improvements: BaselineDelta[] = [];
  for (const [group, g] of Object.entries(summary.groups)) {
    const baseline = readBaseline(group, dir);
    if (!baseline) continue;
    for (const [script, r] of Object.entries(g.scripts)) {
      const expected = baseline[script] ?? 0;
      const delta = { group, script, baseline: expected, passed: r.pass };
      if (r.pass < expected) regressions.push(delta);
      else if (r.pass > expected) improvements.push(delta);
    }
  }
  return { regressions, improvements };
}

export interface BaselineUpdate {
  readonly raised: BaselineDelta[];
  /** Scripts that passed fewer than their baseline: left as they were. */
  readonly refused: BaselineDelta[];
  readonly written: string[];
}

/** Raises each script's number to what passed; never lowers one. Writes only changed groups. */
export function updateBaseline(summary: Summary, dir = baselineDirFor(summary.engine)): BaselineUpdate {
  const raised: BaselineDelta[] = [];
  const refused: BaselineDelta[] = [];
  const written: string[] = [];
  for (const [group, g] of Object.entries(summary.groups)) {
    const existing = readBaseline(group, dir);
    const next: Baseline = { ...existing };
    let changed = existing === undefined;
    for (const [script, r] of Object.entries(g.scripts)) {
      const old = next[script];
      if (old === undefined || r.pass > old) {
        if (old !== undefined || r.pass > 0)
          raised.push({ group, script, baseline: old ?? 0, passed: r.pass });
        next[script] = r.pass;
        changed = true;
      } else if (r.pass < old) {
        refused.push({ group, script, baseline: old, passed: r.pass });
      }
    }
    if (changed) {
      writeBaseline(group, next, dir);
      written.push(baselinePath(group, dir));
    }
  }
  return { raised, refused, written };
}
