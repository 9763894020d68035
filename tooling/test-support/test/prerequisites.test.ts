import { afterEach, describe, expect, it, vi } from "vitest";

/** `canRun` as a fresh module under the given value of `CI` (it reads the variable once). */
async function canRunWith(ci: string): Promise<(met: boolean, reason: string) => boolean> {
  vi.stubEnv("CI", ci);
  vi.resetModules();
  return (await import("../src/prerequisites.js")).canRun;
}

describe("canRun", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("lets a suite run when its prerequisite is met, under CI or not", async () => {
    expect((await canRunWith(""))(true, "unused")).toBe(true);
    expect((await canRunWith("true"))(true, "unused")).toBe(true);
  });
  it("skips locally, saying why in one line, once per reason", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const canRun = await canRunWith("");
    expect(canRun(false, "clang is not installed")).toBe(false);
    expect(canRun(false, "clang is not installed")).toBe(false);
    expect(warn.mock.calls).toEqual([["skipped: clang is not installed"]]);
  });
  it("fails under CI instead of skipping", async () => {
    const canRun = await canRunWith("true");
    expect(() => canRun(false, "no spec test data at /x")).toThrow(/^no spec test data at \/x: CI must run/);
  });
  it("treats CI=false as not CI", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    expect((await canRunWith("false"))(false, "reason")).toBe(false);
  });
});
