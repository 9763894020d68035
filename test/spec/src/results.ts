/** What running scripts produces, in the shape the JSON summary is written in. */

export interface Counts {
  pass: number;
  fail: number;
  skip: number;
  /** Passes where a signalling NaN result came back with its quiet bit set (see README). */
  nanQuieted: number;
  /** Passes whose error message did not contain the spec's text (engines that check messages). */
  messageMismatch: number;
}

export interface FailureDetail {
  readonly line: number;
  readonly command: string;
  readonly message: string;
}

export interface ScriptResult extends Counts {
  readonly group: string;
  readonly script: string;
  /** Number of commands in the script: pass + fail + skip. */
  readonly commands: number;
  readonly skipReasons: Record<string, number>;
  /** The first failures (all of them with --verbose). */
  readonly failures: FailureDetail[];
  /** The first passes whose error message lacked the spec's text (all of them with --verbose). */
  readonly messageMismatches: FailureDetail[];
  readonly durationMs: number;
  /** Set when the script did not run to its end (timeout, crash); the rest counts as failed. */
  readonly aborted?: string;
}

export interface GroupSummary {
  readonly totals: Counts & { commands: number };
  readonly scripts: Record<string, ScriptResult>;
}

export interface Summary {
  readonly engine: string;
  readonly specDir: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly totals: Counts & { commands: number };
  readonly groups: Record<string, GroupSummary>;
}

export function emptyCounts(): Counts {
  return { pass: 0, fail: 0, skip: 0, nanQuieted: 0, messageMismatch: 0 };
}

function add(into: Counts & { commands: number }, r: ScriptResult): void {
  into.pass += r.pass;
  into.fail += r.fail;
  into.skip += r.skip;
  into.nanQuieted += r.nanQuieted;
  into.messageMismatch += r.messageMismatch;
  into.commands += r.commands;
}

export function summarize(
  engine: string,
  specDir: string,
  startedAt: Date,
  durationMs: number,
  results: readonly ScriptResult[],
): Summary {
  const groups: Record<string, GroupSummary> = {};
  const totals = { ...emptyCounts(), commands: 0 };
  const sorted = [...results].sort((a, b) =>
    a.group === b.group ? a.script.localeCompare(b.script) : a.group.localeCompare(b.group),
  );
  for (const r of sorted) {
    let g = groups[r.group];
    if (!g) {
      g = { totals: { ...emptyCounts(), commands: 0 }, scripts: {} };
      groups[r.group] = g;
    }
    g.scripts[r.script] = r;
    add(g.totals, r);
    add(totals, r);
  }
  return { engine, specDir, startedAt: startedAt.toISOString(), durationMs, totals, groups };
}
