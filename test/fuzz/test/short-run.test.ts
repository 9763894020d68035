import { describe, expect, it } from "vitest";
import { binaryenInfo } from "../src/binaryen.js";
import { runCampaign } from "../src/campaign.js";
import { TIERS } from "../src/engines.js";
import { FEATURE_SET_NAMES } from "../src/feature-sets.js";

// A short, deterministic run of both fuzzers (fixed seeds): every tier, every feature set.
// `pnpm fuzz` runs the same code for as long as it is asked to.

const binaryen = binaryenInfo();
/** About 25 s on two idle cores; generous because the cores may be shared. */
const timeout = 300_000;
const common = {
  tiers: TIERS,
  featureSets: FEATURE_SET_NAMES,
  seed: 1,
  jobs: 2,
  durationMs: 0,
  taskTimeoutMs: 60_000,
  callTimeoutMs: 10_000,
  findingsDir: null,
};

describe.skipIf(!binaryen.available)(`differential fuzzing, a short run (${binaryen.detail})`, () => {
  it(
    "finds no difference from Node's engine on 16 generated modules per tier and feature set",
    async () => {
      const result = await runCampaign({ ...common, modules: 16, mutations: 0 });
      expect(result.findings).toEqual([]);
      for (const track of result.tracks) {
        expect(track.done).toBe(16);
        expect(track.timeouts + track.errors).toBe(0);
        // binaryen 108's reference types are mostly invalid 2.0 (see feature-sets.ts); the others all run.
        if (!track.track.endsWith("/w2-all")) expect(track.same).toBe(16);
      }
    },
    timeout,
  );
});

if (!binaryen.available && process.env["CI"]) {
  it("has binaryen to run the differential fuzzer (CI installs it)", () => {
    expect.fail(binaryen.detail);
  });
}

describe("mutation fuzzing, a short run", () => {
  it(
    "sees only CompileError, LinkError and RuntimeError, and agrees with Node on validity",
    async () => {
      const result = await runCampaign({ ...common, modules: 0, mutations: 300 });
      expect(result.findings).toEqual([]);
      for (const track of result.tracks) {
        expect(track.done).toBe(300);
        expect(track.mutation.valid + track.mutation.invalid).toBe(300);
        expect(track.timeouts + track.errors).toBe(0);
      }
    },
    timeout,
  );
});
