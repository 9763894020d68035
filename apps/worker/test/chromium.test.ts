import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { canRun, cToolchainAvailable, noCToolchain, wat } from "@microwasm/test-support";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectChecksPassed } from "./check-results.js";
import { distBuilt, notBuilt } from "./dist-files.js";
import { type Fixtures, makeFixtures } from "./fixtures.js";
import { type StaticServer, serveDirectory } from "./static-server.js";

// Chromium with --jitless: no JIT and no WebAssembly (as in Safari's Lockdown Mode). The page
// and its workers load the built files from apps/worker over HTTP.

const executablePath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const noChromium = `Chromium is not installed at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`;
const appDir = fileURLToPath(new URL("..", import.meta.url));

describe.runIf(canRun(distBuilt, notBuilt) && canRun(existsSync(executablePath), noChromium))(
  "Chromium --jitless",
  () => {
    let browser: Browser;
    let server: StaticServer;
    let fixtures: Fixtures;
    let withC: boolean;

    beforeAll(async () => {
      withC = canRun(cToolchainAvailable(), noCToolchain);
      fixtures = await makeFixtures(withC);
      server = await serveDirectory(appDir);
      browser = await chromium.launch({ executablePath, args: ["--js-flags=--jitless"] });
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    /** A fresh page on the test server, failing the test on any page error. */
    async function openPage(path: string): Promise<{ page: Page; errors: string[] }> {
      const page = await browser.newPage();
      // Playwright's 30 s default is short for a jitless engine on a loaded machine.
      page.setDefaultTimeout(100_000);
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(String(error)));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      await page.goto(`${server.url}${path}`);
      await page.addScriptTag({ url: "/test/page-harness.js" });
      return { page, errors };
    }

    it("has no WebAssembly of its own, in the page or in a worker", async () => {
      const { page } = await openPage("/demo/index.html");
      const types = await page.evaluate(`Promise.all([typeof WebAssembly, workerWebAssemblyType()])`);
      expect(types).toEqual(["undefined", "undefined"]);
      await page.close();
    });

    it("runs the checks with microwasm.js in the page", async () => {
      const { page, errors } = await openPage("/demo/index.html");
      await page.addScriptTag({ url: "/dist/microwasm.js" });
      await page.addScriptTag({ url: "/test/engine-checks.js" });
      const results = await page.evaluate(
        `new Promise((resolve) => microwasmChecks(${JSON.stringify(fixtures)}, resolve))`,
      );
      expectChecksPassed(results as Record<string, unknown>, withC);
      expect(errors).toEqual([]);
      await page.close();
    });

    it("runs the checks with microwasm.js in a worker (importScripts)", async () => {
      const { page } = await openPage("/demo/index.html");
      const results = await page.evaluate(`checksInWorker(${JSON.stringify(fixtures)})`);
      expectChecksPassed(results as Record<string, unknown>, withC);
      await page.close();
    });

    interface WorkerRun {
      readonly events: unknown[];
      readonly stdout: string;
      readonly stderr: string;
    }
    /** Runs one command through microwasm-worker.js (page-harness.js's `runInWorker`). */
    async function runInWorker(page: Page, message: Record<string, unknown>, stopOnOutput = false) {
      return (await page.evaluate(`runInWorker(${JSON.stringify(message)}, ${stopOnOutput})`)) as WorkerRun;
    }

    it("blocks a Web Worker in memory.atomic.wait32 on a shared memory until the page notifies it", async () => {
      const bytes = await wat(
        `(module
          (import "env" "memory" (memory 1 1 shared))
          (func (export "wait") (result i32)
            (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
          (func (export "notify") (result i32)
            (memory.atomic.notify (i32.const 0) (i32.const 1))))`,
        { threads: true },
      );
      const { page, errors } = await openPage("/demo/index.html");
      await page.addScriptTag({ url: "/dist/microwasm.js" });
      const seen = await page.evaluate(`sharedMemoryWait(${JSON.stringify([...bytes])})`);
      // wait32 returns 0 ("ok") once woken; the worker then reads what the page wrote.
      expect(seen).toEqual({ isolated: true, shared: true, woke: 0, value: 42, notified: 1 });
      expect(errors).toEqual([]);
      await page.close();
    });

    it("runs a WASI program through the worker protocol, output streaming in", async (context) => {
      if (!withC) context.skip();
      const { page, errors } = await openPage("/demo/index.html");
      const run = await runInWorker(page, {
        type: "run",
        wasm: fixtures.files,
        args: ["files.wasm", "first"],
        env: { GREETING: "hi" },
        files: { "/data/in.txt": "hello wasm\n" },
      });
      expect(run.stdout).toBe("argc=2 argv1=first greeting=hi\nread: hello wasm (10 bytes)\n");
      expect(run.stderr).toBe("done\n");
      expect(run.events.at(-1)).toEqual({ type: "exit", code: 7 });
      expect(errors).toEqual([]);
      await page.close();
    });

    it("stops a runaway program on terminate, and reports a trap as an error", async () => {
      const { page } = await openPage("/demo/index.html");
      const spin = readFileSync(new URL("../dist/examples/spin.wasm", import.meta.url));
      const stopped = await runInWorker(page, { type: "run", wasm: [...spin], args: ["spin"] }, true);
      expect(stopped.stdout).toBe("spinning until stopped\n");
      expect(stopped.events).toEqual(["stdout", { type: "error", message: "terminated" }]);
      const trap = await runInWorker(page, { type: "run", wasm: fixtures.trapCommand });
      expect(trap.events).toEqual([{ type: "error", message: "RuntimeError: integer divide by zero" }]);
      await page.close();
    });

    it("loads the demo page without errors, and its examples run in the worker", async () => {
      const { page, errors } = await openPage("/demo/index.html");
      await expect(page.textContent("#engine")).resolves.toMatch(/has no WebAssembly/);
      await page.selectOption("#example", "ticks");
      await page.fill("#args", "a b");
      await page.click("#run");
      await page.waitForFunction(`document.getElementById("output").textContent.includes("tick 2")`);
      expect(await page.textContent("#status")).toMatch(/Running ticks\.wasm a b/);
      await page.waitForFunction(`document.getElementById("status").textContent.startsWith("Exited")`);
      expect(await page.textContent("#output")).toBe("tick 1\ntick 2\ntick 3\ntick 4\ntick 5\n");
      await page.selectOption("#example", "hello");
      await page.click("#run");
      await page.waitForFunction(`document.getElementById("status").textContent === "Exited with code 0."`);
      expect(await page.textContent("#output")).toBe("Hello world!\n");
      await page.screenshot({ path: fileURLToPath(new URL("../dist/demo-screenshot.png", import.meta.url)) });
      expect(errors).toEqual([]);
      await page.close();
    });
  },
);
