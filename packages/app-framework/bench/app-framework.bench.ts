/**
 * Rough costs of the app manager with WAMR's sample apps (the machine is shared: noisy):
 * host → app request round trips, app → app round trips (a C app chaining requests to
 * request_handler), one event fanned out to 100 subscriber apps, and memory per installed app.
 * Run: pnpm --filter @microwasm/app-framework bench   (needs ../shared/wamr-apps and clang)
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileApp } from "@microwasm/app-sdk";
import { AttrContainer } from "@microwasm/attr-container";
import { AppManager, type Clock, systemClock } from "../src/index.js";

const appsDir =
  process.env["MICROWASM_WAMR_APPS_DIR"] ??
  new URL("../../../../shared/wamr-apps/", import.meta.url).pathname;
const wamrApp = (name: string) => readFileSync(join(appsDir, `${name}.wasm`));
const quiet = { stdout: () => {} };

async function hostToApp(): Promise<void> {
  const mgr = new AppManager(quiet);
  await mgr.install("request_handler", wamrApp("request_handler"));
  const n = 20_000;
  const get = async () => {
    const response = await mgr.request({ url: "/url1", action: "GET" });
    if (response.status !== 69) throw new Error(`request_handler answered ${response.status}`);
  };
  for (let i = 0; i < 1000; i++) await get();
  let t0 = performance.now();
  for (let i = 0; i < n; i++) await get();
  let ms = performance.now() - t0;
  console.log(`host → app, one at a time: ${Math.round((n / ms) * 1000)} round trips/s`);
  t0 = performance.now();
  await Promise.all(Array.from({ length: n }, get));
  ms = performance.now() - t0;
  console.log(`host → app, ${n} in flight:  ${Math.round((n / ms) * 1000)} round trips/s`);
  await mgr.close();
}

async function appToApp(): Promise<void> {
  const out = join(mkdtempSync(join(tmpdir(), "app-framework-bench-")), "pinger.wasm");
  compileApp({ sources: [new URL("./pinger.c", import.meta.url).pathname], output: out });
  const mgr = new AppManager(quiet);
  await mgr.install("request_handler", wamrApp("request_handler"));
  await mgr.install("pinger", readFileSync(out));
  const count = (n: number) => new Uint8Array(Int32Array.of(n).buffer);
  await mgr.request({ url: "/ping", action: "GET", payload: count(1000), fmt: 98 });
  const n = 20_000;
  const t0 = performance.now();
  const res = await mgr.request({
    url: "/ping",
    action: "GET",
    payload: count(n),
    fmt: 98,
    timeoutMs: 600_000,
  });
  const ms = performance.now() - t0;
  if (res.status !== 69) throw new Error(`pinger answered ${res.status}`);
  if (mgr.query().some((app) => app.state !== "running")) throw new Error("an app failed");
  console.log(`app → app (request + response): ${Math.round((n / ms) * 1000)} round trips/s`);
  await mgr.close();
}

async function fanOut(): Promise<void> {
  const mgr = new AppManager({ ...quiet, limits: { maxApps: 100 } });
  for (let i = 0; i < 100; i++) await mgr.install(`sub${i}`, wamrApp("event_subscriber"));
  const payload = new AttrContainer("event").set("warning", "temperature is over high").toBytes();
  const events = 200;
  mgr.publish("alert/overheat", payload);
  await mgr.settle();
  const t0 = performance.now();
  for (let i = 0; i < events; i++) mgr.publish("alert/overheat", payload);
  await mgr.settle();
  const ms = performance.now() - t0;
  if (mgr.query().some((app) => app.state !== "running")) throw new Error("an app failed");
  console.log(
    `event to 100 subscribers: ${(ms / events).toFixed(2)} ms per event (${Math.round(((events * 100) / ms) * 1000)} deliveries/s)`,
  );
  await mgr.close();
}

/** How late a 10 ms periodic app timer fires, idle and while the host sends requests flat out. */
async function timerAccuracy(): Promise<void> {
  const out = join(mkdtempSync(join(tmpdir(), "app-framework-bench-")), "ticker.wasm");
  compileApp({ sources: [new URL("./ticker.c", import.meta.url).pathname], output: out });
  let lateness: number[] = [];
  const clock: Clock = {
    now: systemClock.now,
    cancel: systemClock.cancel,
    schedule: (callback, delayMs) => {
      const due = performance.now() + delayMs;
      return systemClock.schedule(() => {
        lateness.push(performance.now() - due);
        callback();
      }, delayMs);
    },
  };
  const mgr = new AppManager({ ...quiet, clock });
  await mgr.install("ticker", readFileSync(out));
  await mgr.install("request_handler", wamrApp("request_handler"));
  const report = (label: string) => {
    const sorted = [...lateness].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
    console.log(
      `timer lateness ${label}: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms (${sorted.length} expiries)`,
    );
    lateness = [];
  };
  await new Promise((resolve) => setTimeout(resolve, 1000));
  report("idle");
  const until = performance.now() + 1000;
  let bursts = 0;
  for (; performance.now() < until; bursts++)
    for (const r of await Promise.all(
      Array.from({ length: 500 }, () => mgr.request({ url: "/url1", action: "GET" })),
    ))
      if (r.status !== 69) throw new Error(`request_handler answered ${r.status}`);
  report(`under ${bursts} bursts of 500 requests`);
  await mgr.close();
}

async function memoryPerApp(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const used = () => {
    gc?.();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const mgr = new AppManager({ ...quiet, limits: { maxApps: 200 } });
  const bytes = wamrApp("request_handler");
  await mgr.install("warm", bytes);
  const before = used();
  for (let i = 0; i < 100; i++) await mgr.install(`app${i}`, bytes);
  const after = used();
  console.log(
    `memory per installed request_handler (its 64 KiB memory + the 8 KiB heap as one 64 KiB page): ${Math.round((after - before) / 100 / 1024)} KiB${gc ? "" : " (no --expose-gc: rough)"}`,
  );
  await mgr.close();
}

const only = process.argv[2];
for (const [name, run] of Object.entries({ hostToApp, appToApp, fanOut, timerAccuracy, memoryPerApp }))
  if (only === undefined || only === name) await run();
