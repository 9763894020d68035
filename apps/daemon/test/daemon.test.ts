import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { wat } from "@microwasm/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LinkClient } from "./link-client.js";
import {
  type DaemonProcess,
  freePort,
  haveWamrApps,
  microwasm,
  noWamrAppsReason,
  startDaemon,
  waitFor,
  wamrApp,
  wamrAppPath,
} from "./processes.js";

const GET = 1;
const PUT = 3;
const DELETE = 4;

if (!haveWamrApps) console.warn(`skipped: microwasmd end-to-end tests: ${noWamrAppsReason}`);

/** An app whose /spin handler never returns (the watchdog's business) and whose on_destroy says goodbye. */
const spinnerWat = `(module
  (import "env" "wasm_register_resource" (func $register (param i32)))
  (import "env" "puts" (func $puts (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "/spin\\00")
  (data (i32.const 32) "spinner: on_destroy\\00")
  (func (export "on_init") (call $register (i32.const 16)))
  (func (export "on_destroy") (drop (call $puts (i32.const 32))))
  (func (export "on_request") (param i32 i32) (loop $forever (br $forever))))`;

describe.skipIf(!haveWamrApps)("microwasmd over TCP, driven by `microwasm host`", () => {
  let daemon: DaemonProcess;
  const host = (...args: string[]) => microwasm(["host", "-P", String(daemon.port), ...args]);

  beforeAll(async () => {
    daemon = await startDaemon(["--max-apps", "4"]);
  });
  afterAll(async () => {
    await daemon?.stop();
  });

  it("answers host_tool's operations with its output and exit codes", async () => {
    expect(await host("-q")).toMatchObject({ code: 69, stdout: '\nresponse status 69\n{\n\t"num":\t0\n}' });
    const install = await host("-i", "request_handler", "-f", wamrAppPath("request_handler"));
    expect(install).toMatchObject({ code: 65, stdout: "\nresponse status 65\n" });
    expect((await host("-q")).stdout).toBe(
      '\nresponse status 69\n{\n\t"num":\t1,\n\t"applet1":\t"request_handler",\n\t"heap1":\t8192\n}',
    );
    expect(await host("-qrequest_handler")).toMatchObject({
      code: 69,
      stdout: '\nresponse status 69\n{\n\t"name":\t"request_handler",\n\t"heap":\t8192\n}',
    });
    // -q takes its name only attached: "-q request_handler" queries all.
    expect((await host("-q", "request_handler")).stdout).toContain('"num":\t1');
    for (const url of ["/url1", "/app/request_handler/url1"]) {
      const get = await host("-r", url, "-A", "get");
      expect(get).toMatchObject({
        code: 69,
        stdout: '\nresponse status 69\n{\n\t"key1":\t"value1",\n\t"key2":\t"value2"\n}',
      });
    }
    expect(daemon.stdout()).toContain("[resp] ### user resource 1 handler called\n");
  });

  it("answers unknown URLs 4.04 and uninstalls with WAMR's statuses and messages", async () => {
    const unknown = await host("-r", "/nosuch", "-A", "GET");
    expect(unknown.code).toBe(132);
    expect(await host("-u", "request_handler")).toMatchObject({ code: 66, stdout: "\nresponse status 66\n" });
    expect(await host("-u", "request_handler")).toMatchObject({
      code: 160,
      stdout: '\nresponse status 160\n{\n\t"error message":\t"Uninstall WASM app failed: no app found."\n}',
    });
    const records = daemon.log();
    expect(
      records.some((r) => r["app"] === "request_handler" && r["msg"] === "Install WASM app success!"),
    ).toBe(true);
  });

  it("subscribes with -s and prints the events while alive, then --json, -o and usage errors", async () => {
    expect((await host("-i", "pub", "-f", wamrAppPath("event_publisher"), "--heap=16384")).code).toBe(65);
    const sub = await host("-s", "/alert/overheat", "-a", "2500");
    expect(sub.code).toBe(69);
    expect(sub.stdout.startsWith("\nresponse status 69\n\nreceived an event alert/overheat\n")).toBe(true);
    expect(sub.stdout).toContain('{\n\t"warning":\t"temperature is over high"\n}');
    expect(sub.stdout.split("received an event").length - 1).toBeGreaterThanOrEqual(1);
    const dir = mkdtempSync(join(tmpdir(), "microwasm-host-"));
    const json = await host("-qpub", "--json", "-o", join(dir, "out.txt"));
    expect(JSON.parse(json.stdout)).toEqual({
      type: "response",
      status: 69,
      fmt: 99,
      payload: { name: "pub", heap: 16384 },
    });
    expect((await host("-u", "pub")).code).toBe(66);
    expect((await host()).code).toBe(255);
    expect((await host("-i", "x")).code).toBe(255); // -i without -f
    rmSync(dir, { recursive: true, force: true });
  });

  it("times out with exit 2 against a device that never answers, and exits 255 when it cannot connect", async () => {
    const silent = createServer((socket) => socket.on("data", () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    const timeout = await microwasm(["host", "-P", String(port), "-q", "-t", "300"]);
    expect(timeout).toMatchObject({ code: 2, stdout: "operation timeout\n" });
    silent.close();
    expect((await microwasm(["host", "-P", String(await freePort()), "-q"])).code).toBe(255);
  });

  it("contains an app that loops: the watchdog fails it, the others and the connection carry on", async () => {
    const client = await LinkClient.open(daemon.port);
    const spinner = await wat(spinnerWat);
    expect((await client.install("spinner", spinner, "&wd=200")).status).toBe(65);
    expect((await client.install("rh", wamrApp("request_handler"))).status).toBe(65);
    const spin = await client.request("/spin", GET);
    expect(spin.status).toBe(160);
    expect(String(spin.json?.["error message"])).toMatch(/spinner failed/);
    expect((await client.request("/url1", GET)).status).toBe(69);
    // A failed app's resources are gone; addressed by name it is unavailable.
    expect((await client.request("/spin", GET)).status).toBe(132);
    expect((await client.request("/app/spinner/spin", GET)).status).toBe(163);
    expect(daemon.log().some((r) => r["app"] === "spinner" && r["msg"] === "app failed")).toBe(true);
    for (const name of ["spinner", "rh"])
      expect((await client.request(`/applet?name=${name}`, DELETE)).status).toBe(66);
    client.close();
  });

  it("survives bad input: wrong leads, bad packets, huge lengths, cut installs, slow clients and floods", async () => {
    const client = await LinkClient.open(daemon.port);
    // Noise, a frame with a wrong lead byte, then a good query: only the query is answered.
    client.socket.write(Uint8Array.of(0x00, 0xff, 0x12, 0x35, 0x12));
    const query = client.frame("/applet", GET);
    const answer = client.answer(query.mid);
    client.socket.write(query.bytes);
    expect((await answer).status).toBe(69);
    // A request packet whose sizes do not add up: 4.00 to its mid.
    const broken = client.frame("/applet", GET);
    broken.bytes[8 + 12] = 0x40; // url_len high byte
    const brokenAnswer = client.answer(broken.mid);
    client.socket.write(broken.bytes);
    expect((await brokenAnswer).status).toBe(128);
    // A slow client: one byte at a time.
    const slow = client.frame("/applet", GET);
    const slowAnswer = client.answer(slow.mid);
    for (const byte of slow.bytes) {
      client.socket.write(Uint8Array.of(byte));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect((await slowAnswer).status).toBe(69);
    // A flood: 2000 requests in one write; every one is answered, in bounded steps.
    expect((await client.install("rh", wamrApp("request_handler"))).status).toBe(65);
    const frames = Array.from({ length: 2000 }, () => client.frame("/url1", GET));
    const answers = Promise.all(frames.map((f) => client.answer(f.mid, 60_000)));
    client.socket.write(Buffer.concat(frames.map((f) => f.bytes)));
    const statuses = (await answers).map((a) => a.status);
    expect(statuses.filter((s) => s !== 69)).toEqual([]);
    // A client gone in the middle of an install leaves no app.
    const cut = await LinkClient.open(daemon.port);
    const install = cut.frame("/applet?name=cut", PUT, wamrApp("timer"), 4);
    cut.socket.write(install.bytes.subarray(0, install.bytes.length - 10));
    cut.close();
    // A declared length of 4 GiB: 4.13 to its mid as soon as the header is in, nothing allocated.
    const huge = await LinkClient.open(daemon.port);
    const head = huge.frame("/applet?name=huge", PUT, new Uint8Array(0), 4);
    const hugeAnswer = huge.answer(head.mid);
    head.bytes.set([0xff, 0xff, 0xff, 0xff], 4);
    huge.socket.write(head.bytes);
    expect((await hugeAnswer).status).toBe(141);
    huge.close();
    const after = await client.request("/applet", GET);
    expect(after.json).toEqual({ num: 1, applet1: "rh", heap1: 8192 });
    await waitFor(
      () => daemon.log().some((r) => r["msg"] === "host disconnected in the middle of a message"),
      "the cut install logged",
    );
    expect((await client.request("/applet?name=rh", DELETE)).status).toBe(66);
    client.close();
  });

  it("serves several hosts at once, each with its own subscriptions", async () => {
    const a = await LinkClient.open(daemon.port);
    const b = await LinkClient.open(daemon.port);
    expect((await a.request("/event/applets", PUT)).status).toBe(69);
    expect((await b.install("rh", wamrApp("request_handler"))).status).toBe(65);
    await waitFor(() => a.events().some((e) => e.url === "/applets"), "the /applets event on host a");
    expect(b.events()).toEqual([]);
    const [ra, rb] = await Promise.all([a.request("/url1", GET), b.request("/url1", GET)]);
    expect([ra.status, rb.status]).toEqual([69, 69]);
    expect((await b.request("/applet?name=rh", DELETE)).status).toBe(66);
    a.close();
    b.close();
  });
});

describe.skipIf(!haveWamrApps)("microwasmd limits, data directory and shutdown", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "microwasmd-data-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("enforces --max-apps and --max-install-size with WAMR's statuses", async () => {
    const daemon = await startDaemon(["--max-apps", "1", "--max-install-size", "8000"]);
    const client = await LinkClient.open(daemon.port);
    expect((await client.install("rh", wamrApp("request_handler"))).status).toBe(65);
    expect(await client.install("timer", wamrApp("timer"))).toEqual({
      status: 160,
      fmt: 99,
      json: { "error message": "Install WASM app failed: exceed max app installations." },
    });
    expect((await client.install("big", new Uint8Array(20_000))).status).toBe(141);
    client.close();
    expect((await daemon.stop()).code).toBe(0);
  });

  it("keeps installed apps across a kill, atomically, and calls on_destroy on SIGTERM", async () => {
    const appDir = join(dir, "device");
    let daemon = await startDaemon(["--data-dir", appDir]);
    let client = await LinkClient.open(daemon.port);
    expect((await client.install("spinner", await wat(spinnerWat))).status).toBe(65);
    expect((await client.install("rh", wamrApp("request_handler"), "&heap=16384")).status).toBe(65);
    expect((await client.install("timer", wamrApp("timer"))).status).toBe(65);
    expect((await client.request("/applet?name=timer", DELETE)).status).toBe(66);
    client.close();
    // Killed outright: nothing flushed on the way out.
    expect((await daemon.stop("SIGKILL")).signal).toBe("SIGKILL");
    // What an install cut short by the kill would leave: a staging directory with half a file.
    mkdirSync(join(appDir, "tmp", "interrupted"), { recursive: true });
    writeFileSync(join(appDir, "tmp", "interrupted", "app.wasm"), wamrApp("timer").subarray(0, 100));
    // And a saved app whose bytes were damaged on disk.
    mkdirSync(join(appDir, "apps", "app-damaged"));
    writeFileSync(join(appDir, "apps", "app-damaged", "app.wasm"), new Uint8Array(10));
    writeFileSync(
      join(appDir, "apps", "app-damaged", "install.json"),
      JSON.stringify({ name: "damaged", sequence: 9, size: 10, sha256: "0".repeat(64), options: {} }),
    );

    daemon = await startDaemon(["--data-dir", appDir]);
    client = await LinkClient.open(daemon.port);
    const query = await client.request("/applet", GET);
    expect(query.json).toEqual({ num: 2, applet1: "rh", heap1: 16384, applet2: "spinner", heap2: 8192 });
    expect((await client.request("/url1", GET)).status).toBe(69);
    expect(readdirSync(join(appDir, "tmp"))).toEqual([]);
    expect(daemon.log().some((r) => r["entry"] === "app-damaged" && r["msg"] === "saved app skipped")).toBe(
      true,
    );
    client.close();
    const end = await daemon.stop("SIGTERM");
    expect(end.code).toBe(0);
    expect(end.stdout).toContain("spinner: on_destroy\n");
    expect(daemon.log().map((r) => r["msg"])).toContain("stopped");
  });

  it("reads a config file checked by zod, and names a bad field", async () => {
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify({ port: 0, logLevel: "warn", limits: { maxApps: 1 } }));
    const daemon = await startDaemon(["--config", good, "--log-level", "info"]);
    const client = await LinkClient.open(daemon.port);
    expect((await client.install("a", wamrApp("timer"))).status).toBe(65);
    expect((await client.install("b", wamrApp("timer"))).status).toBe(160);
    client.close();
    await daemon.stop();
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ limits: { maxApps: -1 } }));
    const failed = await microwasmdFails(["--config", bad]);
    expect(failed).toMatch(/bad\.json: limits\.maxApps: /);
  });
});

/** Runs microwasmd expecting it to refuse to start; resolves with its stderr. */
async function microwasmdFails(args: string[]): Promise<string> {
  try {
    const daemon = await startDaemon(args, 30_000);
    await daemon.stop();
    throw new Error("microwasmd started");
  } catch (error) {
    return (error as Error).message;
  }
}

describe.skipIf(!haveWamrApps)("microwasmd --simulated-sensors", () => {
  it("runs WAMR's sensor sample against sensor_test1 and sensor_test2", async () => {
    const daemon = await startDaemon(["--simulated-sensors"]);
    const client = await LinkClient.open(daemon.port);
    expect((await client.install("sensor", wamrApp("sensor"))).status).toBe(65);
    await waitFor(
      () => daemon.stdout().includes("### app get sensor event from sensor1"),
      "a sensor_test1 reading",
    );
    expect(daemon.stdout()).toContain(
      "### app on_init 1\n### app on_init 2\n### app on_init 3\n### app on_init 4\n",
    );
    client.close();
    expect((await daemon.stop()).code).toBe(0);
  });
});

describe("the README's walkthrough (examples/apps/thermostat.wasm, in the repository)", () => {
  it("installs the app, gets /temperature and receives its readings", async () => {
    const daemon = await startDaemon([]);
    const thermostat = fileURLToPath(new URL("../../../examples/apps/thermostat.wasm", import.meta.url));
    const host = (...args: string[]) => microwasm(["host", "-P", String(daemon.port), ...args]);
    expect(await host("-i", "thermostat", "-f", thermostat)).toMatchObject({
      code: 65,
      stdout: "\nresponse status 65\n",
    });
    const get = await host("-r", "/temperature", "-A", "GET");
    expect(get.code).toBe(69);
    expect(get.stdout).toMatch(/^\nresponse status 69\n\{\n\t"celsius":\t2\d\.\d\n\}$/);
    const sub = await host("-s", "thermostat/reading", "-a", "2500");
    expect(sub.stdout).toMatch(/received an event thermostat\/reading\n\{\n\t"celsius":\t2\d(\.\d)?\n\}/);
    const end = await daemon.stop();
    expect(end.stdout).toMatch(/^thermostat: started\nthermostat: stopped after \d+ readings\n$/);
  });
});
