import { AttrContainer } from "@microwasm/attr-container";
import { describe, expect, it } from "vitest";
import {
  appletsContainer,
  appletUrl,
  deviceOfTopic,
  encodeFrame,
  FrameReader,
  fleetTopics,
  HostLinkService,
  type LinkMessage,
  LinkMessageType,
  type OversizedFrame,
  packRequest,
  parseAppletUrl,
  unpackRequest,
  unpackResponse,
} from "../src/host-link/index.js";
import { Action, Format, Status } from "../src/index.js";
import { haveWamrApps, noWamrAppsReason, testManager, wamrApp } from "./harness.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

function collect(options: { maxPayload?: number } = {}) {
  const frames: LinkMessage[] = [];
  const oversized: OversizedFrame[] = [];
  let discarded = 0;
  const reader = new FrameReader({
    ...options,
    onFrame: (m) => frames.push(m),
    onOversized: (f) => oversized.push(f),
    onDiscarded: (n) => {
      discarded += n;
    },
  });
  return { reader, frames, oversized, discarded: () => discarded };
}

describe("host-link frames", () => {
  it("frames host_tool's -q byte for byte: 12 34 00 02 00 00 00 1a and a 26-byte GET /applet", () => {
    const packet = packRequest({
      action: Action.GET,
      fmt: 0,
      mid: 0x01020304,
      sender: 0,
      url: "/applet",
      payload: new Uint8Array(0),
    });
    const frame = encodeFrame(LinkMessageType.REQUEST, packet);
    expect(hex(frame.subarray(0, 8))).toBe("123400020000001a");
    expect(hex(frame.subarray(8))).toBe(`0101000001020304000000000008000000002f6170706c657400`);
  });

  it("reads frames back whole, chunked, and one byte at a time", () => {
    const a = encodeFrame(2, Uint8Array.of(1, 2, 3));
    const b = encodeFrame(4, new Uint8Array(1000).fill(7));
    const c = encodeFrame(3, new Uint8Array(0));
    const stream = Uint8Array.from([...a, ...b, ...c]);
    for (const size of [stream.length, 7, 1]) {
      const { reader, frames } = collect();
      for (let i = 0; i < stream.length; i += size) reader.push(stream.subarray(i, i + size));
      expect(frames.map((f) => [f.type, f.payload.length])).toEqual([
        [2, 3],
        [4, 1000],
        [3, 0],
      ]);
      expect([...frames[0]!.payload]).toEqual([1, 2, 3]);
      expect(reader.midFrame).toBe(false);
    }
  });

  it("hunts for the lead past wrong bytes (and, unlike WAMR, finds a lead right after a lone 0x12)", () => {
    const { reader, frames, discarded } = collect();
    reader.push(Uint8Array.of(0x00, 0x34, 0x12, 0x00, 0x12, 0x12, ...encodeFrame(2, Uint8Array.of(9))));
    expect(frames).toHaveLength(1);
    expect([...frames[0]!.payload]).toEqual([9]);
    // 00 34, 12 00, 12 12: six bytes dropped before the frame's own 12 34.
    expect(discarded()).toBe(6);
  });

  it("knows a stream cut mid-frame", () => {
    const { reader, frames } = collect();
    reader.push(encodeFrame(4, new Uint8Array(100)).subarray(0, 50));
    expect(frames).toHaveLength(0);
    expect(reader.midFrame).toBe(true);
  });

  it("skips a frame over the limit without allocating it, reports its head, and reads the next", () => {
    const { reader, frames, oversized } = collect({ maxPayload: 64 });
    const big = encodeFrame(4, new Uint8Array(1000).fill(0xab));
    reader.push(big.subarray(0, 30));
    expect(oversized).toHaveLength(1);
    expect(oversized[0]).toMatchObject({ type: 4, length: 1000 });
    expect(oversized[0]!.head.length).toBe(18);
    reader.push(big.subarray(30));
    reader.push(encodeFrame(2, Uint8Array.of(5)));
    expect(frames.map((f) => f.type)).toEqual([2]);
    // A declared length of 4 GiB costs nothing either.
    const huge = Uint8Array.of(0x12, 0x34, 0, 2, 0xff, 0xff, 0xff, 0xff, 1, 2);
    reader.push(huge);
    expect(oversized).toHaveLength(1); // reported once its 18-byte head is in
    reader.push(new Uint8Array(16));
    expect(oversized[1]?.length).toBe(0xffffffff);
    expect(reader.midFrame).toBe(true);
  });

  it("refuses a type that is not a u16", () => {
    expect(() => encodeFrame(0x10000, new Uint8Array(0))).toThrow(RangeError);
  });
});

describe("host-link URLs, payloads and topics", () => {
  it("builds host_tool's install URL and reads it back", () => {
    const url = appletUrl({ name: "foo", heap: 16384, timers: 5, wd: 1000 });
    expect(url).toBe("/applet?name=foo&heap=16384&timers=5&wd=1000");
    expect(parseAppletUrl(url)).toEqual({ name: "foo", heap: 16384, timers: 5, wd: 1000 });
    expect(appletUrl()).toBe("/applet");
    expect(parseAppletUrl("/applet?name=x&heap=12k").heap).toBeNaN();
  });

  it("answers a query with an empty list in the 137 bytes WAMR sends (16-byte header + 121)", () => {
    const bytes = appletsContainer([], "Applets Info");
    expect(16 + bytes.length).toBe(137);
    expect(AttrContainer.fromBytes(bytes).toJSON()).toEqual({ num: 0 });
  });

  it("gives each device its own topics", () => {
    const topics = fleetTopics("dev-1");
    expect(topics.request).toBe("microwasm/dev-1/request");
    expect(topics.event("/alert/overheat")).toBe("microwasm/dev-1/event/alert/overheat");
    expect(deviceOfTopic("microwasm/dev-1/presence")).toBe("dev-1");
    expect(deviceOfTopic("other/dev-1/presence")).toBeUndefined();
    for (const bad of ["a/b", "+", "#", ""]) expect(() => fleetTopics(bad)).toThrow(RangeError);
  });
});

/** A service with one stream session; `send` writes framed requests, `next` reads what came back. */
function linkFixture(options: { maxInstallSize?: number } = {}) {
  const { manager, advance } = testManager({ limits: { maxApps: 3 } });
  const service = new HostLinkService({ manager, ...options });
  const received: LinkMessage[] = [];
  const reader = new FrameReader({ onFrame: (m) => received.push(m) });
  const stream = service.openStream((bytes) => reader.push(bytes));
  let mid = 100;
  const send = async (
    url: string,
    action: number,
    payload = new Uint8Array(0),
    type: number = LinkMessageType.REQUEST,
  ) => {
    const sent = ++mid;
    const fmt = url.startsWith("/applet?") && action === Action.PUT ? Format.APP_RAW_BINARY : 0;
    stream.push(encodeFrame(type, packRequest({ action, fmt, mid: sent, sender: 0, url, payload })));
    for (let i = 0; i < 200; i++) {
      const at = received.findIndex(
        (m) => m.type === LinkMessageType.RESPONSE && unpackResponse(m.payload)?.mid === sent,
      );
      if (at >= 0) {
        const response = unpackResponse(received.splice(at, 1)[0]!.payload)!;
        const json =
          response.fmt === Format.ATTR_CONTAINER
            ? AttrContainer.fromBytes(response.payload).toJSON()
            : undefined;
        return { status: response.status, json };
      }
      await advance(10);
    }
    throw new Error(`no response to ${url}`);
  };
  const events = () =>
    received.filter((m) => m.type === LinkMessageType.REQUEST).map((m) => unpackRequest(m.payload)!);
  return { service, stream, send, events, manager, advance };
}

describe("HostLinkService", () => {
  it("answers malformed packets 4.00, unknown message types not at all, and oversized frames 4.13", async () => {
    const { stream, send } = linkFixture({ maxInstallSize: 1000 });
    const broken = packRequest({
      action: 1,
      fmt: 0,
      mid: 7,
      sender: 0,
      url: "/x",
      payload: new Uint8Array(0),
    });
    broken[0] = 2; // version must be 1
    stream.push(encodeFrame(2, broken));
    stream.push(encodeFrame(30, Uint8Array.of(1)));
    const big = await send(
      "/applet?name=big",
      Action.PUT,
      new Uint8Array(200_000),
      LinkMessageType.INSTALL_WASM_APP,
    );
    expect(big.status).toBe(Status.TOO_LARGE);
    expect(String(big.json?.["error message"])).toMatch(/larger than 1000 bytes/);
    // The stream is still in step after the skipped frame.
    expect((await send("/applet", Action.GET)).json).toEqual({ num: 0 });
  });

  it("refuses a file that is not wasm with WAMR's message", async () => {
    const { send } = linkFixture();
    const bad = await send(
      "/applet?name=x",
      Action.PUT,
      new TextEncoder().encode("not wasm"),
      LinkMessageType.INSTALL_WASM_APP,
    );
    expect(bad).toEqual({
      status: 160,
      json: { "error message": "Install WASM app failed: invalid file format." },
    });
    expect((await send("/applet?name=x&type=jeff", Action.PUT, new Uint8Array(8))).status).toBe(160);
  });

  it.skipIf(!haveWamrApps)("installs, queries, routes, sends /applets events and uninstalls", async () => {
    if (!haveWamrApps) console.warn(noWamrAppsReason);
    const { send, events } = linkFixture();
    expect((await send("/event/applets", Action.PUT)).status).toBe(Status.CONTENT);
    const install = await send(
      "/applet?name=request_handler",
      Action.PUT,
      wamrApp("request_handler"),
      LinkMessageType.INSTALL_WASM_APP,
    );
    expect(install).toEqual({ status: Status.CREATED, json: undefined });
    expect((await send("/applet", Action.GET)).json).toEqual({
      num: 1,
      applet1: "request_handler",
      heap1: 8192,
    });
    expect((await send("/applet?name=request_handler", Action.GET)).json).toEqual({
      name: "request_handler",
      heap: 8192,
    });
    expect((await send("/applet?name=nope", Action.GET)).json).toEqual({
      "error message": "the app is not found.",
    });
    expect(await send("/url1", Action.GET)).toEqual({ status: 69, json: { key1: "value1", key2: "value2" } });
    expect((await send("/app/request_handler/url1", Action.GET)).status).toBe(69);
    expect((await send("/nosuch", Action.GET)).status).toBe(Status.NOT_FOUND);
    expect((await send("/applet?name=request_handler", Action.DELETE)).status).toBe(Status.DELETED);
    expect(await send("/applet?name=request_handler", Action.DELETE)).toEqual({
      status: 160,
      json: { "error message": "Uninstall WASM app failed: no app found." },
    });
    const applets = events().filter((e) => e.url === "/applets");
    expect(applets.map((e) => AttrContainer.fromBytes(e.payload).toJSON())).toEqual([
      { num: 1, applet1: "request_handler", heap1: 8192 },
      { num: 0 },
    ]);
    expect(applets[0]?.action).toBe(Action.EVENT);
  });

  it.skipIf(!haveWamrApps)(
    "pushes the events a session subscribed to, until it unsubscribes or closes",
    async () => {
      const { send, events, stream, service, advance } = linkFixture();
      await send(
        "/applet?name=pub",
        Action.PUT,
        wamrApp("event_publisher"),
        LinkMessageType.INSTALL_WASM_APP,
      );
      expect((await send("/event/alert/overheat", Action.PUT)).status).toBe(69);
      await advance(3500);
      const got = events();
      expect(got.length).toBeGreaterThan(0);
      expect(got[0]).toMatchObject({
        action: Action.EVENT,
        url: "alert/overheat",
        fmt: Format.ATTR_CONTAINER,
      });
      expect(AttrContainer.fromBytes(got[0]!.payload).toJSON()).toEqual({
        warning: "temperature is over high",
      });
      stream.close();
      expect(service.sessionCount).toBe(0);
    },
  );

  it("has a session's subscriptions saved before it acknowledges them, and gives saved ones back", async () => {
    const { manager } = testManager();
    const service = new HostLinkService({ manager });
    const out: LinkMessage[] = [];
    const saved: string[][] = [];
    let diskFull = false;
    const session = service.open(
      (message) => out.push(message),
      "mqtt",
      async (events) => {
        if (diskFull) throw new Error("no space left on device");
        saved.push([...events]);
      },
    );
    let mid = 0;
    const status = async (url: string, action: number) => {
      const sent = ++mid;
      const payload = packRequest({ action, fmt: 0, mid: sent, sender: 0, url, payload: new Uint8Array(0) });
      await session.receive({ type: LinkMessageType.REQUEST, payload });
      return unpackResponse(out.find((m) => unpackResponse(m.payload)?.mid === sent)!.payload)!.status;
    };
    expect(await status("/event/alert/overheat", Action.PUT)).toBe(Status.CONTENT);
    expect(await status("/event/applets", Action.PUT)).toBe(Status.CONTENT);
    expect(await status("/event/alert/overheat", Action.PUT)).toBe(Status.CONTENT); // no change
    expect(await status("/event/alert/overheat", Action.DELETE)).toBe(Status.CONTENT);
    expect(saved).toEqual([["alert/overheat"], ["alert/overheat", "applets"], ["applets"]]);
    // A change that cannot be saved is refused and undone.
    diskFull = true;
    expect(await status("/event/door", Action.PUT)).toBe(Status.INTERNAL_SERVER_ERROR);
    expect(await status("/event/applets", Action.DELETE)).toBe(Status.INTERNAL_SERVER_ERROR);
    expect(session.events).toEqual(["applets"]);
    // What a restarted transport does with what it saved.
    const restored = service.open(() => undefined, "mqtt");
    for (const event of saved.at(-1)!) restored.subscribe(event);
    expect(restored.events).toEqual(["applets"]);
  });
});
