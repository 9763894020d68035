import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compileApp } from "../src/index.js";
import { attrBytes, attrString, readAttrs } from "./attr-bytes.js";
import { FakeAppHost, packRequest, packResponse, readRequest, readResponse } from "./fake-app-host.js";
import { buildDir, cToolchain, examplesDir, noToolchainReason } from "./toolchain.js";

// The app library at work: our example apps (and a test app for attr_container's bytes),
// built with the SDK, run on microwasm's runtime with libc-builtin and a fake host that
// records what they ask of the natives and hands them packets through their entry points.

const COAP = { GET: 1, POST: 2, PUT: 3, DELETE: 4, EVENT: 6 } as const;
const FMT_ATTR = 99;
const dir = cToolchain ? buildDir() : "";
function build(source: string, exports: string[] = []): string {
  const output = join(dir, `${source.split("/").pop()!.replace(/\.c$/, "")}.wasm`);
  compileApp({ sources: [source], output, exports });
  return output;
}
const example = (name: string) => build(join(examplesDir, `${name}.c`));

describe.skipIf(!cToolchain)("the app library", () => {
  describe("resources and responses (request_handler example)", () => {
    let host: FakeAppHost;
    beforeAll(() => {
      host = new FakeAppHost(example("request_handler"));
      host.call("on_init");
    });
    const request = (action: number, url: string, mid: number, payload?: Uint8Array) => {
      host.deliver(
        "on_request",
        packRequest({ action, url, mid, sender: 42, fmt: payload ? FMT_ATTR : 0, payload }),
      );
      return host.responses.splice(0).map(readResponse);
    };

    it("registers its resources with the runtime", () => {
      expect(host.resources).toEqual(["/kv", "/echo"]);
    });

    it("answers in WAMR's response layout, to the sender, with the request's mid", () => {
      const [put] = request(
        COAP.PUT,
        "/kv",
        7,
        attrBytes("", {
          key: { type: "string", value: "greeting" },
          value: { type: "string", value: "hello" },
        }),
      );
      expect(put).toMatchObject({ version: 1, status: 65, fmt: 0, mid: 7, receiver: 42, size: 16 });
      expect(host.stdout()).toBe("[kv] put greeting=hello\n");

      const [get] = request(COAP.GET, "/kv", 8);
      expect(get).toMatchObject({ status: 69, fmt: FMT_ATTR, mid: 8, receiver: 42 });
      const body = readAttrs(get!.payload);
      expect(body.tag).toBe("kv");
      expect(body.attrs.map((a) => a.key)).toEqual(["key", "value", "puts", "uptime_ms", "found"]);
      expect(attrString(body.attrs[1])).toBe("hello");
      expect(get!.payload.length).toBe(2 + body.totalLength);
    });

    it("routes by WAMR's prefix rule: optional leading '/', then end, '/' or '?'", () => {
      for (const url of ["kv", "/kv/sub", "/kv?x=1", "kv/"])
        expect(request(COAP.DELETE, url, 9), url).toHaveLength(1);
      for (const url of ["/kvx", "/k", "/", "/echoes"]) {
        expect(request(COAP.GET, url, 10), url).toEqual([]);
        expect(host.stdout()).toBe("on_request: exit. no service handler\n");
      }
    });

    it("an event is not a request: resource handlers do not get it", () => {
      expect(request(COAP.EVENT, "/kv", 11)).toEqual([]);
      expect(host.stdout()).toBe("on_request: exit. no service handler\n");
    });

    it("echoes a payload byte for byte, and answers other methods 4.05", () => {
      const payload = Uint8Array.from([0, 1, 2, 250, 255]);
      host.deliver("on_request", packRequest({ action: COAP.POST, url: "/echo", mid: 12, fmt: 98, payload }));
      const [echo] = host.responses.splice(0).map(readResponse);
      expect(echo).toMatchObject({ status: 69, fmt: 98, mid: 12 });
      expect([...echo!.payload]).toEqual([...payload]);
      expect(host.stdout()).toBe("[echo] /echo, 5 bytes\n");
      expect(request(5, "/kv", 13)[0]).toMatchObject({ status: 133 });
    });

    it("drops malformed packets: bad version, sizes that disagree, a URL without its NUL", () => {
      const good = packRequest({ action: COAP.GET, url: "/kv", mid: 14 });
      const badVersion = Uint8Array.from(good);
      badVersion[0] = 2;
      const noNul = Uint8Array.from(good);
      noNul[noNul.length - 1] = 0x41;
      for (const packet of [badVersion, good.subarray(0, good.length - 1), noNul, good.subarray(0, 17)]) {
        host.deliver("on_request", packet);
        expect(host.responses).toEqual([]);
        expect(host.stdout()).toBe("unpack request failed\n");
      }
    });
  });

  describe("requests and transactions (request_sender example)", () => {
    it("posts requests with mids 1, 2, 3, matches responses by mid, and times out the rest after 5 s", () => {
      const host = new FakeAppHost(example("request_sender"));
      host.call("on_init");
      const posted = host.posted.splice(0).map(readRequest);
      expect(posted.map(({ url, action, mid, fmt, urlNul }) => ({ url, action, mid, fmt, urlNul }))).toEqual([
        { url: "/app/request_handler/kv", action: COAP.PUT, mid: 1, fmt: FMT_ATTR, urlNul: 0 },
        { url: "/kv", action: COAP.GET, mid: 2, fmt: 0, urlNul: 0 },
        { url: "/nobody/home", action: COAP.GET, mid: 3, fmt: 0, urlNul: 0 },
      ]);
      const entry = readAttrs(posted[0]!.payload);
      expect(entry.tag).toBe("entry");
      expect(entry.attrs.map((a) => [a.key, attrString(a)])).toEqual([
        ["key", "greeting"],
        ["value", "hello"],
      ]);
      // One timer for all transactions: 5 s, one-shot, started.
      expect([...host.timers.values()]).toEqual([
        { interval: 5000, periodic: false, running: true, destroyed: false },
      ]);

      host.now += 1000;
      host.deliver(
        "on_response",
        packResponse({
          status: 69,
          mid: 2,
          fmt: FMT_ATTR,
          payload: attrBytes("kv", {
            value: { type: "string", value: "hello" },
            puts: { type: "int", value: 1 },
          }),
        }),
      );
      expect(host.stdout()).toMatch(
        /^\[get by url\] mid 2 status 69 fmt 99 len \d+\n\[get by url\] tag kv, 2 attributes, value hello, puts 1\nAttribute container dump:\nTag: kv\nAttribute list:\n {2}key: value, type: string, value: hello\n {2}key: puts, type: int, value: 0x1\n\n$/,
      );
      host.deliver("on_response", packResponse({ status: 65, mid: 1 }));
      expect(host.stdout()).toBe("[put by name] mid 1 status 65 fmt 0 len 0\n");
      // The oldest is now mid 3, sent at the same time: 4 s left.
      expect(host.timers.get(1)).toMatchObject({ interval: 4000, running: true });
      host.deliver("on_response", packResponse({ status: 69, mid: 99 }));
      expect(host.stdout()).toBe("cannot find the transaction\n");

      host.now += 4000;
      host.call("on_timer_callback", 1);
      expect(host.stdout()).toBe("[unserved] timed out\n");
      // No transaction left: the timer is stopped, kept for the next request.
      expect(host.timers.get(1)).toMatchObject({ running: false, destroyed: false });
      host.deliver("on_response", packResponse({ status: 69, mid: 3 }));
      expect(host.stdout()).toBe("cannot find the transaction\n");
    });
  });

  describe("events (event_publisher and event_subscriber examples)", () => {
    it("a published reading reaches the subscriber with every type intact", () => {
      const publisher = new FakeAppHost(example("event_publisher"));
      const subscriber = new FakeAppHost(example("event_subscriber"));
      publisher.call("on_init");
      subscriber.call("on_init");
      expect(subscriber.subscriptions).toEqual(["alert/overheat", "alert/raw"]);
      expect(publisher.timers.get(1)).toEqual({
        interval: 1000,
        periodic: true,
        running: true,
        destroyed: false,
      });
      for (let i = 0; i < 3; i++) publisher.call("on_timer_callback", 1);
      const events = publisher.posted.splice(0).map(readRequest);
      expect(events.map((e) => [e.action, e.url, e.fmt])).toEqual([
        [COAP.EVENT, "alert/overheat", FMT_ATTR],
        [COAP.EVENT, "alert/overheat", FMT_ATTR],
        [COAP.EVENT, "alert/overheat", FMT_ATTR],
        [COAP.EVENT, "alert/raw", 98],
      ]);
      // Serialized: the read-only flag (bit 2) set.
      expect(readAttrs(events[0]!.payload).flags).toBe(4);

      for (const event of events) subscriber.deliver("on_request", packRequest({ ...event, mid: event.mid }));
      const lines = subscriber.stdout().split("\n");
      expect(lines.slice(0, 3)).toEqual([
        "[overheat] temperature is over high seq 1 celsius 81.5 ratio 0.25 critical 0",
        "[overheat] short -2 int16 -16 uint32 4294967295 int64 -64 uint64 18446744073709551615",
        "[overheat] byte -1 int8 -8 uint8 200 uint16 60000 samples 4 (first 1)",
      ]);
      expect(lines[3]).toBe("[overheat] temperature is over high seq 2 celsius 82.5 ratio 0.25 critical 1");
      expect(lines[9]).toBe("[raw] alert/raw fmt 98: raw!");
    });
  });

  describe("timers (timer example)", () => {
    it("creates, restarts and cancels timers and dispatches each expiry to its callback", () => {
      const host = new FakeAppHost(example("timer"));
      host.call("on_init");
      expect([...host.timers.values()]).toEqual([
        { interval: 500, periodic: true, running: true, destroyed: false },
        { interval: 5000, periodic: false, running: true, destroyed: false },
      ]);
      host.now += 500;
      host.call("on_timer_callback", 1);
      host.now += 500;
      host.call("on_timer_callback", 1);
      expect(host.stdout()).toBe("tick 1 after 500 ms\ntick 2 after 1000 ms\n");
      host.call("on_timer_callback", 3); // unknown: ignored
      host.call("on_timer_callback", 2);
      expect(host.stdout()).toBe("stopped after 2 ticks\n");
      expect([...host.timers.values()].map((t) => t.running)).toEqual([false, false]);
      host.call("on_timer_callback", 1); // cancelled: its callback is gone
      expect(host.stdout()).toBe("");
    });
  });

  describe("sensors (sensor example)", () => {
    it("opens and configures sensors, delivers readings to their handlers, closes", () => {
      const host = new FakeAppHost(example("sensor"));
      host.call("on_init");
      expect([...host.openSensors]).toEqual([1, 2]);
      expect(host.sensorConfigs[0]).toEqual({ id: 1, interval: 1000 });
      const config = readAttrs(host.sensorConfigs[1]!.config!);
      expect(config.tag).toBe("config sensor");
      expect(
        config.attrs.map((a) => [a.key, new DataView(a.value.buffer, a.value.byteOffset).getInt32(0, true)]),
      ).toEqual([
        ["interval", 5000],
        ["bit_cfg", 0],
        ["delay", 0],
      ]);
      const reading = attrBytes("read test sensor data", {
        name: { type: "string", value: "read test sensor" },
      });
      for (let i = 0; i < 3; i++) host.deliver("on_sensor_event", reading, 1);
      host.deliver("on_sensor_event", reading, 2);
      expect(host.stdout()).toBe(
        `${'[sensor1] reading tag "read test sensor data" name "read test sensor"\n'.repeat(3)}[sensor1] closed after 3 readings\n[sensor2] reading tag "read test sensor data" name "read test sensor"\n`,
      );
      expect([...host.openSensors]).toEqual([2]);
      host.deliver("on_sensor_event", reading, 1);
      expect(host.stdout()).toBe("");
    });
  });

  describe("connections (connection example)", () => {
    it("opens with an attr_container of arguments, sends, receives, and closes on request", () => {
      const host = new FakeAppHost(example("connection"));
      host.call("on_init");
      expect(host.resources).toEqual(["/close", "/config"]);
      expect(host.connectionOpens[0]!.name).toBe("TCP");
      const args = readAttrs(host.connectionOpens[0]!.args);
      expect(args.attrs.map((a) => [a.key, a.type])).toEqual([
        ["address", 13],
        ["port", 5],
      ]);
      expect(attrString(args.attrs[0])).toBe("127.0.0.1");
      expect(
        new DataView(args.attrs[1]!.value.buffer, args.attrs[1]!.value.byteOffset).getUint16(0, true),
      ).toBe(7777);
      expect(host.stdout()).toBe("[conn] connected\n");

      host.call("on_timer_callback", 1);
      host.call("on_timer_callback", 1);
      expect(host.sent).toEqual(["ping 1", "ping 2"]);
      host.deliver("on_connection_data", new TextEncoder().encode("pong"), 7);
      expect(host.stdout()).toBe("[conn] got 4 bytes: pong\n");
      host.instance.call("on_connection_data", [7, 0, 0]);
      expect(host.stdout()).toBe("[conn] closed by the server\n");

      host.deliver(
        "on_request",
        packRequest({ action: COAP.DELETE, url: "/close", mid: 5, sender: 0xfffffffd }),
      );
      expect(host.closedConnections).toEqual([7]);
      expect(readResponse(host.responses[0]!)).toMatchObject({ status: 66, mid: 5, receiver: 0xfffffffd });
    });
  });

  describe("attr_container's bytes", () => {
    let host: FakeAppHost;
    beforeAll(() => {
      const exports = [
        "json_example",
        "applets_info",
        "grown",
        "replaced",
        "conversions",
        "readonly_refuses_sets",
        "serialize_length",
      ];
      host = new FakeAppHost(build(new URL("./apps/attr_layout.c", import.meta.url).pathname, exports));
    });
    const container = (name: string) => {
      const at = host.instance.call(name, [])[0] as number;
      const length = host.instance.call("serialize_length", [at])[0] as number;
      return host.instance.memoryBytes()!.slice(at, at + length);
    };

    it('{a: 1.5, s: "x", b: true} is the 109 bytes WAMR sends', () => {
      const bytes = container("json_example");
      expect(bytes.length).toBe(109);
      const a = new Uint8Array(new Float64Array([1.5]).buffer);
      expect([...bytes.subarray(0, 39)]).toEqual([
        ...[0, 0, 0x6b, 0, 0, 0, 1, 0, 0, 3, 0],
        ...[2, 0, 0x61, 0, 11, ...a],
        ...[2, 0, 0x73, 0, 13, 2, 0, 0x78, 0],
        ...[2, 0, 0x62, 0, 12, 1],
      ]);
      expect(bytes.subarray(39).every((b) => b === 0)).toBe(true);
    });

    it("a query reply's container is 121 bytes (WAMR's 137-byte response less its header)", () => {
      const info = readAttrs(container("applets_info"));
      expect(info).toMatchObject({ tag: "Applets Info", totalLength: 119 });
      expect(info.attrs.map((a) => a.key)).toEqual(["num"]);
    });

    it("an attribute bigger than the slack grows the container by its size + 100, slack zeroed", () => {
      const bytes = container("grown");
      const grown = readAttrs(bytes);
      // 107 (4 + 2 + 1 + 100) + 129 (2 + 2 + 1 + 4 + 120) + 100
      expect(grown.totalLength).toBe(336);
      expect(bytes.length).toBe(338);
      expect([...grown.attrs[0]!.value]).toEqual(Array.from({ length: 120 }, (_, i) => i));
      expect(grown.slack.every((b) => b === 0)).toBe(true);
    });

    it("replacing a value with a longer one moves the attribute to the end; same size stays in place", () => {
      const replaced = readAttrs(container("replaced"));
      expect(replaced.attrs.map((a) => a.key)).toEqual(["b", "a", "n"]);
      expect(attrString(replaced.attrs[1])).toBe("longer");
      expect(replaced.attrs[2]!.value[0]).toBe(2);
      expect(replaced.slack.every((b) => b === 0)).toBe(true);
    });

    it("getters copy the stored bytes little-endian into the asked type, as WAMR's wasm builds do", () => {
      const out = readAttrs(container("conversions"));
      const value = (key: string) => {
        const attr = out.attrs.find((a) => a.key === key)!;
        return new DataView(attr.value.buffer, attr.value.byteOffset).getInt32(0, true);
      };
      expect(value("i64_as_int")).toBe(0x55667788);
      expect(value("i64_as_short")).toBe(0x7788);
      expect(value("s_as_int")).toBe(0x00636261);
      expect(value("u8_as_int")).toBe(0xfe);
      expect(value("u8_as_int8")).toBe(-2);
      expect(value("f_as_double_is_2_5")).toBe(0); // a float's 4 bytes are not a double
      expect(value("missing")).toBe(0);
      expect(value("contains_s")).toBe(1);
      expect(value("num")).toBe(4);
    });

    it("a serialized copy is read-only", () => {
      expect(host.instance.call("readonly_refuses_sets", [])[0]).toBe(1);
    });
  });
});
if (!cToolchain) describe.skip(`the app library: ${noToolchainReason}`, () => {});
