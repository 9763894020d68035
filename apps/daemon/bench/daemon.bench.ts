/**
 * microwasmd's figures: installs per second, the install latency of a 1 MB app, requests per
 * second over TCP with 1, 10 and 100 connections, request→event latency, the daemon's memory
 * with 0, 1 and 50 apps, and the fan-out time of a query and an install to five devices
 * through Mosquitto. Runs the built daemon (`pnpm build` first):
 *
 *   pnpm --filter @microwasm/daemon bench            # or: node --import tsx --conditions=source apps/daemon/bench/daemon.bench.ts
 *
 * Needs WAMR's sample apps in ../shared/wamr-apps (MICROWASM_WAMR_APPS_DIR) and, for the
 * fleet, /usr/sbin/mosquitto. Prints one JSON report on stdout.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  encodeFrame,
  FrameReader,
  fleetTopics,
  LinkMessageType,
  packRequest,
  unpackResponse,
} from "@microwasm/app-framework/host-link";
import { wat } from "@microwasm/test-support";
import { connectAsync } from "mqtt";
import { LinkClient } from "../test/link-client.js";
import { freePort, wamrApp } from "../test/processes.js";

const daemonBin = fileURLToPath(new URL("../bin/microwasmd.js", import.meta.url));
const round = (n: number, digits = 1) => Number(n.toFixed(digits));
/** Every process the bench starts, ended when it exits (also after a failure). */
const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

async function daemon(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [daemonBin, "--port", "0", "--log-level", process.env["BENCH_LOG"] ? "debug" : "info", ...args],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  children.add(child);
  let stderr = "";
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`microwasmd exited ${code}: ${stderr}`)));
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      if (!stderr.includes('"msg":"ready"')) return;
      // Keep reading its log (a full pipe would block the daemon's synchronous writes).
      child.stderr!.removeAllListeners("data");
      child.stderr!.on("data", (c: Buffer) => {
        if (process.env["BENCH_LOG"]) appendFileSync(process.env["BENCH_LOG"], c);
      });
      const port = Number(/"port":(\d+)/.exec(stderr)?.[1] ?? 0);
      resolve({ child, port });
    });
  });
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024);
}

/** request_handler with a custom section that pads it to `size` bytes (still a valid app). */
function paddedApp(size: number): Uint8Array {
  const app = wamrApp("request_handler");
  const name = new TextEncoder().encode("pad");
  const bodyLength = size - app.length - 1 - 5;
  const body = new Uint8Array(bodyLength);
  body[0] = name.length;
  body.set(name, 1);
  const section = new Uint8Array(1 + 5 + bodyLength);
  section[0] = 0;
  let n = bodyLength;
  for (let i = 0; i < 5; i++) {
    section[1 + i] = (n & 0x7f) | (i < 4 ? 0x80 : 0);
    n >>>= 7;
  }
  section.set(body, 6);
  const bytes = new Uint8Array(app.length + section.length);
  bytes.set(app);
  bytes.set(section, app.length);
  return bytes;
}

/** Publishes "bench/ping" (no payload) each time it gets a request: request→event latency. */
const pingWat = `(module
  (import "env" "wasm_register_resource" (func $register (param i32)))
  (import "env" "wasm_post_request" (func $post (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "/ping\\00")
  ;; a request packet: version 1, action 6 (event), fmt 0, mid 0, sender 0, url_len 11, payload_len 0, "bench/ping\\0"
  (data (i32.const 64) "\\01\\06\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\0b\\00\\00\\00\\00bench/ping\\00")
  (func (export "on_init") (call $register (i32.const 16)))
  (func (export "on_request") (param i32 i32) (call $post (i32.const 64) (i32.const 29))))`;

async function requestsPerSecond(port: number, connections: number, ms: number): Promise<number> {
  const clients = await Promise.all(Array.from({ length: connections }, () => LinkClient.open(port)));
  let done = 0;
  const end = Date.now() + ms;
  const start = Date.now();
  await Promise.all(
    clients.map(async (client) => {
      while (Date.now() < end) {
        const answer = await client.request("/url1", 1);
        if (answer.status !== 69) throw new Error(`status ${answer.status}`);
        done++;
      }
    }),
  );
  const elapsed = Date.now() - start;
  for (const client of clients) client.close();
  return Math.round((done * 1000) / elapsed);
}

async function singleDevice() {
  const dir = mkdtempSync(join(tmpdir(), "microwasmd-bench-"));
  const { child, port } = await daemon([
    "--max-apps",
    "60",
    "--max-connections",
    "128",
    "--data-dir",
    join(dir, "data"),
  ]);
  const client = await LinkClient.open(port);
  const report: Record<string, unknown> = { rssMiBNoApps: rssMiB(child.pid!) };
  let start: number;

  // Request rates and request→event latency, with request_handler and the ping app installed.
  await client.install("rh", wamrApp("request_handler"));
  report["rssMiBOneApp"] = rssMiB(child.pid!);
  for (const connections of [1, 10, 100])
    report[`requestsPerSecond${connections}Connections`] = await requestsPerSecond(port, connections, 3000);

  // Request → event: the request's round trip plus the app's publish reaching the host.
  await client.install("ping", await wat(pingWat));
  await client.request("/event/bench/ping", 3);
  const latencies: number[] = [];
  const rtts: number[] = [];
  for (let i = 0; i < 200; i++) {
    const before = client.events().length;
    start = performance.now();
    const answered = client.request("/ping", 1).catch(() => undefined);
    while (client.events().length === before) await new Promise((resolve) => setImmediate(resolve));
    latencies.push(performance.now() - start);
    void answered;
    start = performance.now();
    await client.request("/url1", 1);
    rtts.push(performance.now() - start);
  }
  const median = (xs: number[]) => round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!, 2);
  report["requestToEventMsMedian"] = median(latencies);
  report["requestRoundTripMsMedian"] = median(rtts);
  await client.request("/applet?name=ping", 4);

  // Installs per second: 49 more apps one after another (each saved to the data dir before its 2.01).
  const app = wamrApp("request_handler");
  start = performance.now();
  for (let i = 1; i < 50; i++) {
    const answer = await client.install(`rh${i}`, app);
    if (answer.status !== 65) throw new Error(`install ${i}: ${answer.status}`);
  }
  report["installsPerSecond"] = round((49 * 1000) / (performance.now() - start));
  await new Promise((resolve) => setTimeout(resolve, 500));
  report["rssMiB50Apps"] = rssMiB(child.pid!);
  for (let i = 1; i < 50; i++) await client.request(`/applet?name=rh${i}`, 4);

  // A 1 MB app: install latency (median of 5), uninstalled after each.
  const big = paddedApp(1024 * 1024);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    start = performance.now();
    const answer = await client.install("big", big);
    times.push(performance.now() - start);
    if (answer.status !== 65)
      throw new Error(`1 MB install: ${answer.status} ${JSON.stringify(answer.json)}`);
    await client.request("/applet?name=big", 4);
  }
  report["install1MBms"] = round(times.sort((a, b) => a - b)[2]!);

  client.close();
  child.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
  return report;
}

async function fleet() {
  const dir = mkdtempSync(join(tmpdir(), "microwasmd-bench-fleet-"));
  const port = await freePort();
  writeFileSync(
    join(dir, "mosquitto.conf"),
    `listener ${port} 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\nlog_dest none\nuser ${userInfo().username}\n`,
  );
  const broker = spawn("/usr/sbin/mosquitto", ["-c", join(dir, "mosquitto.conf")], { stdio: "ignore" });
  children.add(broker);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const url = `mqtt://127.0.0.1:${port}`;
  const devices = ["d1", "d2", "d3", "d4", "d5"];
  const daemons = await Promise.all(
    devices.map((id) => daemon(["--no-tcp", "--mqtt", url, "--device-id", id])),
  );
  const client = await connectAsync(url, { clean: true });
  (client.stream as { setNoDelay?: (noDelay: boolean) => void }).setNoDelay?.(true);
  await client.subscribeAsync(
    devices.map((d) => fleetTopics(d).response),
    { qos: 1 },
  );
  const waiting = new Map<number, () => void>();
  client.on("message", (_topic, payload) => {
    new FrameReader({
      onFrame: (m) => {
        const response = m.type === LinkMessageType.RESPONSE ? unpackResponse(m.payload) : undefined;
        if (response !== undefined) waiting.get(response.mid)?.();
      },
    }).push(payload);
  });
  let mid = 1;
  const fanOut = async (url: string, action: number, payload: Uint8Array, type: number) => {
    const start = performance.now();
    await Promise.all(
      devices.map((d) => {
        const m = mid++;
        const answered = new Promise<void>((resolve) => waiting.set(m, resolve));
        const frame = encodeFrame(type, packRequest({ action, fmt: 98, mid: m, sender: 0, url, payload }));
        void client.publishAsync(fleetTopics(d).request, Buffer.from(frame), { qos: 1 });
        return answered;
      }),
    );
    return round(performance.now() - start);
  };
  const install = await fanOut(
    "/applet?name=rh",
    3,
    wamrApp("request_handler"),
    LinkMessageType.INSTALL_WASM_APP,
  );
  const queries: number[] = [];
  for (let i = 0; i < 20; i++)
    queries.push(await fanOut("/applet", 1, new Uint8Array(0), LinkMessageType.REQUEST));
  await client.endAsync();
  for (const d of daemons) d.child.kill("SIGTERM");
  broker.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
  return {
    fleetInstallFanOut5Ms: install,
    fleetQueryFanOut5MsMedian: queries.sort((a, b) => a - b)[10],
  };
}

const report = { ...(await singleDevice()), ...(await fleet()) };
console.log(JSON.stringify(report, null, 2));
process.exit(0);
