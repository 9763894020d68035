import { AttrContainer } from "@microwasm/attr-container";
import { describe, expect, it } from "vitest";
import { Action, AppInstallError, Format, Status } from "../src/index.js";
import { haveWamrApps, noWamrAppsReason, testManager, wamrApp } from "./harness.js";

// WAMR's samples/simple apps, as WAMR's own toolchain built them, with the behaviour the fact
// sheet (§5.3) records from a run on WAMR.
if (!haveWamrApps) console.warn(`WAMR sample tests skipped: ${noWamrAppsReason}`);

describe.skipIf(!haveWamrApps)("WAMR's sample apps under AppManager", () => {
  it("request_handler answers /url1 by app name and by URL with its attr_container", async () => {
    const { manager, output } = testManager();
    await manager.install("request_handler", wamrApp("request_handler"));
    for (const url of ["/app/request_handler/url1", "/url1"]) {
      const response = await manager.request({ url, action: "GET" });
      expect(response.status).toBe(Status.CONTENT);
      expect(response.fmt).toBe(Format.ATTR_CONTAINER);
      const payload = AttrContainer.fromBytes(response.payload);
      expect(payload.tag).toBe("wasm app response payload");
      expect(payload.toJSON()).toEqual({ key1: "value1", key2: "value2" });
    }
    expect(output("request_handler")).toBe("[resp] ### user resource 1 handler called\n".repeat(2));
    expect(manager.query()[0]).toMatchObject({
      name: "request_handler",
      heapSize: 8192,
      resources: ["/url1", "/url2"],
    });
  });

  it("keeps answering: 2000 requests in flight, then 600 one at a time", async () => {
    const { manager } = testManager();
    await manager.install("request_handler", wamrApp("request_handler"));
    const burst = await Promise.all(
      Array.from({ length: 2000 }, () => manager.request({ url: "/url1", action: "GET" })),
    );
    expect(burst.filter((r) => r.status === Status.CONTENT)).toHaveLength(2000);
    for (let i = 0; i < 600; i++)
      expect((await manager.request({ url: "/url1", action: "GET" })).status).toBe(69);
    expect(manager.query()[0]?.state).toBe("running");
  });

  it("an unserved URL gets 4.04 NOT_FOUND (WAMR stays silent)", async () => {
    const { manager } = testManager();
    await manager.install("request_handler", wamrApp("request_handler"));
    for (const url of ["/url10", "/nosuch", "/app/nobody/url1"]) {
      const response = await manager.request({ url, action: Action.GET });
      expect(response.status, url).toBe(Status.NOT_FOUND);
      expect(AttrContainer.fromBytes(response.payload).get("error message")).toContain(url);
    }
  });

  it("request_sender's two requests reach request_handler and come back (mid 1 and 2, len 134)", async () => {
    const { manager, output } = testManager();
    await manager.install("request_handler", wamrApp("request_handler"));
    await manager.install("request_sender", wamrApp("request_sender"));
    await manager.settle();
    const printed = output("request_sender");
    expect(printed).toContain("[req] response handler called mid:1, status:69, fmt:99, payload:0x");
    expect(printed).toMatch(
      /mid:1, status:69, fmt:99, payload:0x[0-9a-f]+, len:134, tag:a request to target app/,
    );
    expect(printed).toMatch(/mid:2, status:69, fmt:99, payload:0x[0-9a-f]+, len:134, tag:a general request/);
    expect(printed).toContain("key: key1");
    expect(output("request_handler")).toBe("[resp] ### user resource 1 handler called\n".repeat(2));
  });

  it("timer prints an update each second of the manager's clock", async () => {
    const { manager, output, advance } = testManager();
    await manager.install("timer", wamrApp("timer"));
    await advance(999);
    expect(output("timer")).toBe("");
    await advance(1);
    expect(output("timer")).toBe("Timer update 0\n");
    await advance(2000);
    expect(output("timer")).toBe("Timer update 1\nTimer update 2\n");
  });

  it("event_publisher's alert/overheat reaches event_subscriber and the host each second", async () => {
    const { manager, output, advance } = testManager();
    const hostEvents: unknown[] = [];
    const all: string[] = [];
    manager.subscribe("/alert/overheat", (event) =>
      hostEvents.push({
        url: event.url,
        sender: event.sender,
        payload: AttrContainer.fromBytes(event.payload).toJSON(),
      }),
    );
    manager.on("event", (event) => all.push(event.url));
    await manager.install("event_publisher", wamrApp("event_publisher"));
    await manager.install("event_subscriber", wamrApp("event_subscriber"));
    await advance(3000);
    expect(hostEvents).toEqual(
      Array(3).fill({
        url: "alert/overheat",
        sender: "event_publisher",
        payload: { warning: "temperature is over high" },
      }),
    );
    expect(all).toEqual(["alert/overheat", "alert/overheat", "alert/overheat"]);
    const printed = output("event_subscriber");
    expect(printed.match(/### user over heat event handler called/g)).toHaveLength(3);
    expect(printed).toContain("temperature is over high");
    expect(manager.query().find((a) => a.name === "event_subscriber")?.subscriptions).toEqual([
      "alert/overheat",
    ]);
  });

  it("uninstall stops the publisher's timer and removes the handler's resources", async () => {
    const { manager, advance } = testManager();
    const events: string[] = [];
    manager.on("event", (event) => events.push(event.url));
    await manager.install("event_publisher", wamrApp("event_publisher"));
    await manager.install("request_handler", wamrApp("request_handler"));
    await advance(1000);
    expect(events).toHaveLength(1);
    expect(manager.query().find((a) => a.name === "event_publisher")?.timers).toBe(1);
    await manager.uninstall("event_publisher");
    await manager.uninstall("request_handler");
    expect(manager.query()).toEqual([]);
    await advance(5000);
    expect(events).toHaveLength(1);
    expect((await manager.request({ url: "/url1", action: "GET" })).status).toBe(Status.NOT_FOUND);
  });

  it("keeps WAMR's limit of 3 apps by default, and a configured one", async () => {
    const { manager } = testManager();
    for (const name of ["a", "b", "c"]) await manager.install(name, wamrApp("timer"));
    await expect(manager.install("d", wamrApp("timer"))).rejects.toThrow(
      new AppInstallError("Install WASM app failed: exceed max app installations."),
    );
    expect(manager.query().map((a) => a.name)).toEqual(["c", "b", "a"]);
    const five = testManager({ limits: { maxApps: 5 } }).manager;
    for (const name of ["a", "b", "c", "d", "e"]) await five.install(name, wamrApp("timer"));
    expect(five.query()).toHaveLength(5);
  });

  it("refuses a duplicate name, a bad module and a module without on_init", async () => {
    const { manager } = testManager();
    await manager.install("t", wamrApp("timer"));
    await expect(manager.install("t", wamrApp("timer"))).rejects.toThrow(AppInstallError);
    await expect(manager.install("junk", Uint8Array.of(0, 0x61, 0x73, 0x6d, 2, 0, 0, 0))).rejects.toThrow(
      AppInstallError,
    );
    // The smallest valid module: no exports at all.
    await expect(manager.install("empty", Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0))).rejects.toThrow(
      "Cannot find function on_init()",
    );
    expect(manager.query().map((a) => a.name)).toEqual(["t"]);
  });
});
