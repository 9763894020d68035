import { describe, expect, it } from "vitest";
import { suspectCluster, type TrackStats } from "../src/campaign.js";

const stats = (done: number, testedEngineAlone: number): TrackStats => ({
  track: "interpreter/mvp",
  done,
  same: done - testedEngineAlone,
  different: 0,
  skipped: { "exhausted (tested engine)": testedEngineAlone },
  testedEngineAlone,
  timeouts: 0,
  errors: 0,
  mutation: { valid: 0, invalid: 0, beyondWasm2: 0, disagreements: 0, problems: 0 },
});

describe("cases where only microwasm ran out of stack or time", () => {
  it("a few are the engines' different limits; more than 1% (and more than 3) is a cluster that fails the run", () => {
    expect(suspectCluster(stats(100, 3))).toBe(false);
    expect(suspectCluster(stats(100, 4))).toBe(true);
    expect(suspectCluster(stats(10_000, 100))).toBe(false);
    expect(suspectCluster(stats(10_000, 101))).toBe(true);
    // The run that hid the stack-depth leak: 973 of 11,079.
    expect(suspectCluster(stats(11_079, 973))).toBe(true);
  });
});
