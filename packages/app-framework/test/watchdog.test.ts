import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type AppFailure, Status } from "../src/index.js";
import { testManager } from "./harness.js";
import { buildApp, cToolchain, noToolchainReason, testAppsDir } from "./toolchain.js";

// A trapping handler and a runaway one (an endless loop in on_request) are stopped, their app
// is marked failed, and another app keeps answering.
if (!cToolchain) console.warn(`watchdog tests skipped: ${noToolchainReason}`);

describe.skipIf(!cToolchain)("the watchdog", () => {
  const misbehaving = () => buildApp(join(testAppsDir, "misbehaving.c"));

  it("a trap in on_request fails that app only; the request gets 5.00", async () => {
    const { manager, output } = testManager();
    const failures: AppFailure[] = [];
    manager.on("app-failed", (f) => failures.push(f));
    await manager.install("bad", misbehaving());
    await manager.install("good", misbehaving());
    expect(output("bad")).toBe("ready\n");
    expect((await manager.request({ url: "/app/bad/ok", action: "GET" })).status).toBe(Status.CONTENT);
    expect((await manager.request({ url: "/app/bad/trap", action: "GET" })).status).toBe(
      Status.INTERNAL_SERVER_ERROR,
    );
    expect(failures).toEqual([{ name: "bad", reason: expect.stringContaining("unreachable") }]);
    expect(manager.query().find((a) => a.name === "bad")).toMatchObject({ state: "failed", resources: [] });
    expect((await manager.request({ url: "/app/bad/ok", action: "GET" })).status).toBe(
      Status.SERVICE_UNAVAILABLE,
    );
    expect((await manager.request({ url: "/app/good/ok", action: "GET" })).status).toBe(Status.CONTENT);
    // The failed app's resources went; the other app's own /ok had been refused as a duplicate
    // (WAMR's rule), so nobody serves /ok now.
    expect((await manager.request({ url: "/ok", action: "GET" })).status).toBe(Status.NOT_FOUND);
    await manager.uninstall("bad");
    expect(output("bad")).toBe(""); // a failed app's on_destroy is not called
  });

  it("an endless loop in on_request is stopped by the wall-clock watchdog", async () => {
    const { manager } = testManager();
    await manager.install("spinner", misbehaving(), { watchdogMs: 100 });
    await manager.install("good", misbehaving());
    const started = performance.now();
    const spun = manager.request({ url: "/app/spinner/spin", action: "GET" });
    const other = manager.request({ url: "/app/good/ok", action: "GET" });
    expect((await spun).status).toBe(Status.INTERNAL_SERVER_ERROR);
    expect((await other).status).toBe(Status.CONTENT);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(elapsed).toBeLessThan(5000);
    expect(manager.query().find((a) => a.name === "spinner")).toMatchObject({
      state: "failed",
      failure: expect.stringContaining("timed out"),
    });
  });

  it("fuel stops an endless loop deterministically", async () => {
    const { manager } = testManager();
    await manager.install("spinner", misbehaving(), { fuel: 100_000 });
    expect((await manager.request({ url: "/spin", action: "GET" })).status).toBe(
      Status.INTERNAL_SERVER_ERROR,
    );
    expect(manager.query()[0]).toMatchObject({
      state: "failed",
      failure: expect.stringContaining("instruction limit"),
    });
  });

  it("uninstall calls on_destroy of a healthy app", async () => {
    const { manager, output } = testManager();
    await manager.install("app", misbehaving());
    output("app");
    await manager.uninstall("app");
    expect(output("app")).toBe("destroyed\n");
  });
});
