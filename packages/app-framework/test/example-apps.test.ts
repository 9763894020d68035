import { join } from "node:path";
import { AttrContainer } from "@microwasm/attr-container";
import { describe, expect, it } from "vitest";
import { Format, Status, TransactionTimeoutError } from "../src/index.js";
import { testManager } from "./harness.js";
import { buildApp, cToolchain, examplesDir, noToolchainReason } from "./toolchain.js";

// The repository's example apps (examples/apps), built with microwasm-app-cc's compileApp,
// talking to each other and to the host through AppManager.
if (!cToolchain) console.warn(`example app tests skipped: ${noToolchainReason}`);

describe.skipIf(!cToolchain)("example apps under AppManager", () => {
  const example = (name: string) => buildApp(join(examplesDir, `${name}.c`));

  it("request_sender and request_handler talk; the unserved URL gets 4.04 at once", async () => {
    const { manager, output } = testManager();
    await manager.install("request_handler", example("request_handler"));
    await manager.install("request_sender", example("request_sender"));
    await manager.settle();
    expect(output("request_handler")).toBe("[kv] put greeting=hello\n");
    const printed = output("request_sender");
    expect(printed).toContain("[put by name] mid 1 status 65 fmt 0 len 0\n");
    expect(printed).toMatch(/\[get by url\] mid 2 status 69 fmt 99 len \d+\n/);
    expect(printed).toContain("[get by url] tag kv, 5 attributes, value hello, puts 1\n");
    expect(printed).toMatch(/\[unserved\] mid 3 status 132 fmt 99 len \d+\n/);
    expect(printed).not.toContain("timed out");
  });

  it("the host PUTs and GETs the handler's /kv with attr_containers", async () => {
    const { manager, clock } = testManager();
    await manager.install("request_handler", example("request_handler"));
    const put = await manager.request({
      url: "/kv",
      action: "PUT",
      payload: new AttrContainer().set("key", "k").set("value", "v1").toBytes(),
    });
    expect(put.status).toBe(Status.CREATED);
    clock.advance(250);
    const got = await manager.request({ url: "/app/request_handler/kv", action: "GET" });
    expect(got).toMatchObject({ status: Status.CONTENT, fmt: Format.ATTR_CONTAINER });
    expect(AttrContainer.fromBytes(got.payload).toJSON()).toMatchObject({
      key: "k",
      value: "v1",
      puts: 1,
      uptime_ms: 1250,
      found: true,
    });
    const echoed = await manager.request({
      url: "/echo",
      action: "POST",
      payload: Uint8Array.of(1, 2, 3),
      fmt: 98,
    });
    expect(echoed).toEqual({ status: Status.CONTENT, fmt: 98, payload: Uint8Array.of(1, 2, 3) });
    expect((await manager.request({ url: "/kv", action: 7 })).status).toBe(Status.METHOD_NOT_ALLOWED);
  });

  it("events fan out to the host and to subscribed apps; the raw one too", async () => {
    const { manager, output, advance } = testManager({ limits: { maxApps: 4 } });
    await manager.install("event_publisher", example("event_publisher"));
    await manager.install("sub1", example("event_subscriber"));
    await manager.install("sub2", example("event_subscriber"));
    const host: string[] = [];
    manager.on("event", (e) => host.push(`${e.url} ${e.fmt} ${e.sender}`));
    await advance(3000);
    expect(host).toEqual([
      "alert/overheat 99 event_publisher",
      "alert/overheat 99 event_publisher",
      "alert/overheat 99 event_publisher",
      "alert/raw 98 event_publisher",
    ]);
    for (const sub of ["sub1", "sub2"]) {
      const printed = output(sub);
      expect(printed).toContain(
        "[overheat] temperature is over high seq 3 celsius 83.5 ratio 0.25 critical 0\n",
      );
      expect(printed).toContain(
        "[overheat] short -2 int16 -16 uint32 4294967295 int64 -64 uint64 18446744073709551615\n",
      );
      expect(printed).toContain("[overheat] byte -1 int8 -8 uint8 200 uint16 60000 samples 4 (first 1)\n");
      expect(printed).toContain("[raw] alert/raw fmt 98: raw!\n");
    }
    // The host publishes too: apps receive it like an app's event.
    manager.publish("alert/raw", new TextEncoder().encode("host"), 98);
    await manager.settle();
    expect(output("sub1")).toBe("[raw] alert/raw fmt 98: host\n");
    await manager.uninstall("sub1");
    await advance(1000);
    expect(output("sub1")).toBe("");
    expect(output("sub2")).toContain("seq 4");
  });

  it("timer ticks every 500 ms and is stopped by its one-shot timer after 5 s", async () => {
    const { manager, output, advance } = testManager();
    await manager.install("timer", example("timer"));
    await advance(1000);
    expect(output("timer")).toBe("tick 1 after 500 ms\ntick 2 after 1000 ms\n");
    await advance(10_000);
    // At 5000 ms both timers are due: the stop timer, armed at on_init, goes before the tick
    // re-armed at 4500 ms (timers due at one instant expire in the order they were armed).
    expect(output("timer")).toBe(
      [3, 4, 5, 6, 7, 8, 9].map((n) => `tick ${n} after ${n * 500} ms\n`).join("") +
        "stopped after 9 ticks\n",
    );
    await advance(10_000);
    expect(output("timer")).toBe("");
  });

  it("a request the app never answers times out on the manager's clock", async () => {
    const { manager, clock } = testManager({ limits: { transactionTimeoutMs: 2000 } });
    await manager.install("event_subscriber", example("event_subscriber"));
    // The app library answers nothing for a URL without a handler ... but the manager routes
    // only registered URLs, so address the app by name.
    const pending = manager.request({ url: "/app/event_subscriber/none", action: "GET" });
    await manager.settle();
    clock.advance(1999);
    clock.advance(1);
    await expect(pending).rejects.toThrow(TransactionTimeoutError);
  });
});
