/**
 * CI sets `CI` (`.ci/run` runs under CI=true). There a suite whose prerequisite is missing fails
 * instead of skipping: a green CI run must not hide a suite that never ran.
 */
const underCi = (process.env.CI ?? "") !== "" && process.env.CI !== "false";

const warned = new Set<string>();

/**
 * Whether a suite (or test) can run here, given whether its prerequisite is `met`. When it is
 * not: locally, prints `skipped: <reason>` once and returns false, so the caller skips
 * (`describe.runIf(canRun(...))`, `if (!canRun(...)) context.skip()`); under CI, throws.
 */
export function canRun(met: boolean, reason: string): boolean {
  if (met) return true;
  if (underCi) throw new Error(`${reason}: CI must run this suite (install what it needs in .ci/run)`);
  if (!warned.has(reason)) {
    warned.add(reason);
    console.warn(`skipped: ${reason}`);
  }
  return false;
}
