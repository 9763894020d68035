import { Runtime } from "@microwasm/runtime";
import { describe, expect, it } from "vitest";
import { AppInstallError, Status } from "../src/index.js";
import { haveWamrApps, noWamrAppsReason, testManager, wamrApp } from "./harness.js";

if (!haveWamrApps) console.warn(`limit tests skipped: ${noWamrAppsReason}`);

describe.skipIf(!haveWamrApps)("limits", () => {
  it("resources per app and URL length: registrations past them are ignored, as in WAMR", async () => {
    const one = testManager({ limits: { maxResourcesPerApp: 1 } }).manager;
    await one.install("request_handler", wamrApp("request_handler"));
    expect(one.query()[0]?.resources).toEqual(["/url1"]);
    const short = testManager({ limits: { maxUrlLength: 4 } }).manager;
    await short.install("request_handler", wamrApp("request_handler"));
    expect(short.query()[0]?.resources).toEqual([]);
    expect((await short.request({ url: "/url1", action: "GET" })).status).toBe(Status.NOT_FOUND);
  });

  it("an app's timer quota: create fails past it", async () => {
    const { manager, output, advance } = testManager();
    await manager.install("timer", wamrApp("timer"), { maxTimers: 0 });
    await advance(3000);
    expect(output("timer")).not.toContain("Timer update");
    expect(manager.query()[0]?.timers).toBe(0);
  });

  it("a request that does not fit in the app heap gets 6.00 MEMORY_ALLOCATION_ERROR", async () => {
    const { manager } = testManager();
    // The runtime appends the heap in whole 64 KiB pages, as WAMR does: 70 000 bytes do not fit.
    await manager.install("request_handler", wamrApp("request_handler"), { heapSize: 1024 });
    const big = await manager.request({
      url: "/url1",
      action: "PUT",
      payload: new Uint8Array(70_000),
      fmt: 98,
    });
    expect(big.status).toBe(Status.MEMORY_ALLOCATION_ERROR);
    expect((await manager.request({ url: "/url1", action: "GET" })).status).toBe(Status.CONTENT);
  });

  it("apps draw their memory from the runtime's pool: an install that does not fit fails", async () => {
    const runtime = new Runtime({ allocator: "pool", poolSize: 2 * 1024 * 1024 });
    const { manager } = testManager({ runtime, limits: { maxApps: 100 } });
    let installed = 0;
    let error: unknown;
    try {
      for (; installed < 100; installed++)
        await manager.install(`app${installed}`, wamrApp("request_handler"));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppInstallError);
    expect(manager.query()).toHaveLength(installed);
    expect(installed).toBeGreaterThan(0);
    expect(installed).toBeLessThan(100);
    // Uninstalling gives the bytes back.
    await manager.uninstall("app0");
    await manager.install("again", wamrApp("request_handler"));
    expect((await manager.request({ url: "/app/again/url1", action: "GET" })).status).toBe(Status.CONTENT);
  });
});
