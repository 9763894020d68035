import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fleetTopics } from "@microwasm/app-framework/host-link";
import { canRun } from "@microwasm/test-support";
import { connectAsync } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Broker, mosquittoPath, noMosquitto } from "./broker.js";
import {
  type DaemonProcess,
  haveWamrApps,
  microwasm,
  noWamrAppsReason,
  startDaemon,
  waitFor,
  wamrAppPath,
} from "./processes.js";

const DEVICES = ["dev1", "dev2", "dev3", "dev4", "dev5"];
const lines = (stdout: string) =>
  stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

const runnable = haveWamrApps && canRun(mosquittoPath !== undefined, noMosquitto);
if (!haveWamrApps) console.warn(`skipped: fleet tests: ${noWamrAppsReason}`);

describe.runIf(runnable)(
  "a fleet of five microwasmd through a real Mosquitto, managed by `microwasm fleet`",
  () => {
    let dir: string;
    let broker: Broker;
    const daemons = new Map<string, DaemonProcess>();
    const fleet = (...args: string[]) => microwasm(["fleet", "--broker", broker.url, ...args]);
    const startDevice = async (id: string) => {
      daemons.set(
        id,
        await startDaemon(["--no-tcp", "--mqtt", broker.url, "--device-id", id, "--data-dir", join(dir, id)]),
      );
    };
    const online = async () =>
      lines((await fleet("devices", "--json")).stdout)
        .filter((d) => d["online"] === true)
        .map((d) => d["device"]);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "microwasm-fleet-"));
      broker = await Broker.start(dir);
      await Promise.all(DEVICES.map(startDevice));
    });
    afterAll(async () => {
      await Promise.all([...daemons.values()].map((d) => d.stop()));
      await broker?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it("sees every device, installs on all, queries all, and gets an answer from each", async () => {
      expect(await online()).toEqual(DEVICES);
      const install = await fleet("install", "--all", wamrAppPath("request_handler"), "--json");
      expect(install.code).toBe(0);
      expect(lines(install.stdout).map((l) => [l["device"], l["status"]])).toEqual(
        DEVICES.map((d) => [d, 65]),
      );
      const query = await fleet("query", "--all", "--json");
      for (const line of lines(query.stdout))
        expect(line["payload"]).toEqual({ num: 1, applet1: "request_handler", heap1: 8192 });
      const request = await fleet("request", "--all", "/url1", "--json");
      expect(lines(request.stdout)).toEqual(
        DEVICES.map((device) => ({ device, status: 69, payload: { key1: "value1", key2: "value2" } })),
      );
      const one = await fleet("request", "--device", "dev4", "/app/request_handler/url1");
      expect(one).toMatchObject({
        code: 0,
        stdout: '\ndev4: response status 69\n{\n\t"key1":\t"value1",\n\t"key2":\t"value2"\n}\n',
      });
    });

    it("collects the events of every device, tagged with the device", async () => {
      expect((await fleet("install", "--all", "--name", "pub", wamrAppPath("event_publisher"))).code).toBe(0);
      const sub = await fleet("subscribe", "alert/overheat", "--duration", "5000", "--json");
      expect(sub.code).toBe(0);
      const events = lines(sub.stdout).filter((l) => l["type"] === "event");
      expect(new Set(events.map((e) => e["device"]))).toEqual(new Set(DEVICES));
      expect(events[0]).toMatchObject({
        url: "alert/overheat",
        payload: { warning: "temperature is over high" },
      });
    });

    it("sees a killed device go offline (its last will) and come back with its apps", async () => {
      await daemons.get("dev3")!.stop("SIGKILL");
      await waitFor(async () => !(await online()).includes("dev3"), "dev3 offline");
      await startDevice("dev3");
      expect(await online()).toContain("dev3");
      const query = await fleet("query", "--device", "dev3", "--json");
      expect(lines(query.stdout)[0]?.["payload"]).toEqual({
        num: 2,
        applet1: "pub",
        heap1: 8192,
        applet2: "request_handler",
        heap2: 8192,
      });
    });

    it("keeps a killed device's event subscriptions: it publishes the events again once back", async () => {
      // Subscribed (by the earlier `fleet subscribe`) before dev3 was killed and restarted above;
      // nobody has asked it again since. Its saved subscriptions came back with it.
      const saved = JSON.parse(readFileSync(join(dir, "dev3", "mqtt-subscriptions.json"), "utf8"));
      expect(saved).toEqual({ events: ["alert/overheat"] });
      const listener = await connectAsync(broker.url);
      try {
        const event = new Promise<string>((resolve) => listener.on("message", (topic) => resolve(topic)));
        await listener.subscribeAsync(fleetTopics("dev3").event("alert/overheat"), { qos: 0 });
        expect(await event).toBe(fleetTopics("dev3").event("alert/overheat"));
      } finally {
        await listener.endAsync();
      }
    });

    it("loses nothing acknowledged across a broker restart: a request queued for an offline device is served", async () => {
      expect((await daemons.get("dev2")!.stop("SIGTERM")).code).toBe(0);
      // Acknowledged by the broker (QoS 1) and queued in dev2's persistent session; no answer yet.
      const queued = await fleet("uninstall", "--device", "dev2", "pub", "--timeout", "1000");
      expect(queued.code).toBe(2);
      await broker.restart();
      await startDevice("dev2");
      await waitFor(
        async () => (await fleet("query", "--device", "dev2", "--json")).stdout.includes('"num":1'),
        "dev2 to run the queued uninstall",
      );
      // The other four reconnected by themselves, and kept their apps: only dev2 acted on dev2's request.
      const query = await fleet("query", "--all", "--json");
      expect(lines(query.stdout).map((l) => [l["device"], (l["payload"] as { num: number }).num])).toEqual(
        DEVICES.map((d) => [d, d === "dev2" ? 1 : 2]),
      );
    });
  },
);

describe.runIf(runnable)("fleet credentials: a broker that requires a user name and password", () => {
  it("lets in a daemon and a controller with their passwords, and refuses a daemon with a wrong one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "microwasm-fleet-auth-"));
    const passwords = join(dir, "passwd");
    for (const [user, password] of [
      ["dev1", "s3cret-dev1"],
      ["controller", "s3cret-ctl"],
    ] as const) {
      const args = ["-b", ...(user === "dev1" ? ["-c"] : []), passwords, user, password];
      expect(spawnSync("mosquitto_passwd", args).status).toBe(0);
    }
    writeFileSync(join(dir, "dev1.pw"), "s3cret-dev1\n");
    writeFileSync(join(dir, "wrong.pw"), "guess\n");
    writeFileSync(join(dir, "ctl.pw"), "s3cret-ctl\n");
    const broker = await Broker.start(dir, ["allow_anonymous false", `password_file ${passwords}`]);
    const device = (passwordFile: string) =>
      startDaemon(
        ["--no-tcp", "--mqtt", broker.url, "--device-id", "dev1", "--mqtt-username", "dev1"].concat(
          "--mqtt-password-file",
          passwordFile,
        ),
        30_000,
      );
    try {
      await expect(device(join(dir, "wrong.pw"))).rejects.toThrow(/could not start/);
      const daemon = await device(join(dir, "dev1.pw"));
      const fleetAs = (...args: string[]) => microwasm(["fleet", "--broker", broker.url, ...args]);
      const query = await fleetAs(
        "--username",
        "controller",
        "--password-file",
        join(dir, "ctl.pw"),
        "query",
        "--device",
        "dev1",
      );
      expect(query).toMatchObject({ code: 0, stdout: '\ndev1: response status 69\n{\n\t"num":\t0\n}\n' });
      const anonymous = await fleetAs("query", "--device", "dev1");
      expect(anonymous.code).toBe(1);
      expect(anonymous.stderr).toMatch(/Not authorized|Connection refused/i);
      await daemon.stop();
    } finally {
      await broker.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A CA and a broker certificate for 127.0.0.1, made with openssl in `dir`; returns their paths. */
function makeCertificates(dir: string) {
  const file = (name: string) => join(dir, name);
  const run = (args: string[]) => {
    const result = spawnSync("openssl", args, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`openssl ${args[0]}: ${result.stderr}`);
  };
  run(
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=fleet test CA"].concat([
      "-keyout",
      file("ca.key"),
      "-out",
      file("ca.pem"),
    ]),
  );
  run(
    ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", file("broker.key")].concat([
      "-out",
      file("broker.csr"),
    ]),
  );
  writeFileSync(file("san.ext"), "subjectAltName=IP:127.0.0.1\n");
  run(
    ["x509", "-req", "-in", file("broker.csr"), "-CA", file("ca.pem"), "-CAkey", file("ca.key")].concat([
      "-CAcreateserial",
      "-days",
      "2",
      "-extfile",
      file("san.ext"),
      "-out",
      file("broker.pem"),
    ]),
  );
  // A CA the broker's certificate does not come from.
  run(
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=another CA"].concat([
      "-keyout",
      file("other.key"),
      "-out",
      file("other.pem"),
    ]),
  );
  return {
    ca: file("ca.pem"),
    cert: file("broker.pem"),
    key: file("broker.key"),
    otherCa: file("other.pem"),
  };
}

const haveOpenssl = spawnSync("openssl", ["version"]).status === 0;

describe.runIf(runnable && canRun(haveOpenssl, "openssl is not installed"))(
  "fleet over TLS: a broker that speaks only mqtts",
  () => {
    it("lets in a daemon and a controller that trust the broker's CA, and refuses a daemon that trusts another", async () => {
      const dir = mkdtempSync(join(tmpdir(), "microwasm-fleet-tls-"));
      const certs = makeCertificates(dir);
      const broker = await Broker.start(dir, [
        "allow_anonymous true",
        `cafile ${certs.ca}`,
        `certfile ${certs.cert}`,
        `keyfile ${certs.key}`,
      ]);
      const url = `mqtts://127.0.0.1:${broker.port}`;
      const device = (ca: string) =>
        startDaemon(["--no-tcp", "--mqtt", url, "--device-id", "tls1", "--mqtt-ca", ca], 30_000);
      try {
        await expect(device(certs.otherCa)).rejects.toThrow(/could not start/);
        const daemon = await device(certs.ca);
        const query = await microwasm([
          "fleet",
          "--broker",
          url,
          "--ca",
          certs.ca,
          "query",
          "--device",
          "tls1",
        ]);
        expect(query).toMatchObject({ code: 0, stdout: '\ntls1: response status 69\n{\n\t"num":\t0\n}\n' });
        // Plain MQTT to the TLS listener gets nowhere.
        const plain = await microwasm(["fleet", "--broker", broker.url, "query", "--device", "tls1"]);
        expect(plain.code).not.toBe(0);
        await daemon.stop();
      } finally {
        await broker.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);
