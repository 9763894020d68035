import { canRun } from "@microwasm/test-support";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type BaselineDelta,
  baselineDirFor,
  compareWithBaseline,
  listBaselineGroups,
  readBaseline,
} from "../src/baseline.js";
import { hasSpecData, resolveSpecDir } from "../src/data-dir.js";
import type { EngineName } from "../src/engine.js";
import { silentReporter } from "../src/progress.js";
import type { Summary } from "../src/results.js";
import { formatSummary, runSuite } from "../src/run-suite.js";

// Runs every group that has a committed baseline (test/spec/baseline/<group>.json for the
// interpreter, baseline/aot/<group>.json for the AOT tier) on each microwasm tier and fails when
// a script passes fewer commands than its baseline.
const specDir = resolveSpecDir();
const haveData = canRun(hasSpecData(specDir), `no spec test data at ${specDir} (set MICROWASM_SPEC_DIR)`);

const show = (d: BaselineDelta): string =>
  `${d.group}/${d.script}: ${d.passed} pass (baseline ${d.baseline})`;

const tiers: readonly EngineName[] = ["microwasm", "microwasm-aot"];

describe.runIf(haveData).each(tiers)("spec conformance of the %s engine", (engine) => {
  let summary: Summary;
  const dir = baselineDirFor(engine);
  const groups = listBaselineGroups(dir);

  beforeAll(async () => {
    summary = await runSuite({
      engine,
      specDir,
      groups,
      reporter: silentReporter,
      timeoutMs: 120_000,
    });
    console.log(formatSummary(summary, "totals"));
    const { improvements } = compareWithBaseline(summary);
    if (improvements.length > 0) {
      console.log(
        `${improvements.length} scripts pass more than their baseline:\n  ${improvements.map(show).join("\n  ")}\n` +
          `record them with: pnpm spec -- --engine ${engine} --update-baseline`,
      );
    }
  }, 600_000);

  it("has a committed baseline to compare with", () => {
    expect(groups.length).toBeGreaterThan(0);
  });

  it.each(groups)("%s: no script passes fewer commands than its baseline", (group) => {
    expect(readBaseline(group, dir)).toBeDefined();
    expect(summary.groups[group], `group ${group} ran no script`).toBeDefined();
    const { regressions } = compareWithBaseline({ ...summary, groups: { [group]: summary.groups[group]! } });
    expect(regressions.map(show)).toEqual([]);
  });
});
