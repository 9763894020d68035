import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { CollectedOutput, listenTcp, WASI } from "@microwasm/libc-wasi";
import { buildC, canRun, cToolchainAvailable, noCToolchain } from "@microwasm/test-support";
import { WebAssembly as Microwasm } from "@microwasm/webassembly";
import { describe, expect, it } from "vitest";

// A WASI echo server written in C, on a real TCP socket preopened by listenTcp, driven by Node
// clients on 127.0.0.1. The guest blocks its thread (this one) in accept and recv, so the
// clients run in a worker thread, and report back once the guest is done.

const program = fileURLToPath(new URL("programs/echo_server.c", import.meta.url));
const toolchain = canRun(cToolchainAvailable(), noCToolchain);
const missing = "clang with wasi-libc is not installed (apt-get install clang lld wasi-libc)";
// CI must have the toolchain: there a missing clang is a failure, not a skip.
if (!toolchain && process.env["CI"]) throw new Error(`tcp-echo: ${missing}`);
if (!toolchain) console.warn(`tcp-echo: skipping: ${missing}`);

type Api = typeof Microwasm;
const engines: Record<string, Api> = {
  "Node's WebAssembly": (globalThis as unknown as { WebAssembly: Api }).WebAssembly,
  "microwasm's WebAssembly": Microwasm,
};

/** The clients, as plain JavaScript for a worker: each connects, waits for the greeting, sends, reads the echo. */
const clientsSource = `
const { workerData, parentPort } = require("node:worker_threads");
const net = require("node:net");
function client(payload) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(workerData.port, "127.0.0.1");
    let received = Buffer.alloc(0);
    let greeting = null;
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      const newline = received.indexOf(10);
      if (greeting === null && newline >= 0) {
        greeting = received.subarray(0, newline + 1).toString();
        received = received.subarray(newline + 1);
        socket.end(payload);
      }
    });
    socket.on("end", () => resolve({ greeting, echoed: received.toString("latin1") }));
    socket.on("error", reject);
  });
}
(async () => {
  const results = [];
  for (const payload of workerData.payloads) results.push(await client(Buffer.from(payload, "latin1")));
  parentPort.postMessage(results);
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

function payloads(): string[] {
  // A short message, then one larger than any socket buffer (the worker's flow control is exercised).
  let big = "";
  for (let i = 0; big.length < 300_000; i++) big += `line ${i} ${"x".repeat(i % 50)}\n`;
  return ["ping over TCP", big];
}

describe.skipIf(!toolchain)("blocking TCP sockets (listenTcp)", () => {
  for (const [name, engine] of Object.entries(engines)) {
    it(`serves an echo server in C on ${name}`, async () => {
      const bytes = readFileSync(buildC(program));
      const deadline = performance.now() + 60_000;
      const listener = listenTcp("127.0.0.1:0", {
        // The guest blocks this thread: vitest's own timeout could not end a hung test.
        onBlocked() {
          if (performance.now() > deadline) throw new Error("echo server: no progress in 60 s");
        },
      });
      const sent = payloads();
      const clients = new Worker(clientsSource, {
        eval: true,
        workerData: { port: listener.port, payloads: sent },
      });
      const results = new Promise<unknown>((resolve, reject) => {
        clients.once("message", resolve);
        clients.once("error", reject);
      });
      const stdout = new CollectedOutput();
      const wasi = new WASI({
        args: ["echo", String(sent.length)],
        sockets: [listener],
        stdout,
        stderr: stdout,
      });
      const instance = await engine.instantiate(await engine.compile(bytes), wasi.getImportObject());
      const code = wasi.start(instance);
      const answers = await results;
      await clients.terminate();
      listener.close();

      expect(stdout.text()).toBe(
        [
          "client 0: poll 1 revents POLLIN",
          "client 0: non-blocking recv -1 EAGAIN",
          `client 0: echoed ${sent[0]!.length} bytes`,
          "client 1: poll 1 revents POLLIN",
          "client 1: non-blocking recv -1 EAGAIN",
          `client 1: echoed ${sent[1]!.length} bytes`,
          "idle poll: 0",
          "non-blocking accept: -1 EAGAIN",
          "",
        ].join("\n"),
      );
      expect(code).toBe(0);
      expect(answers).toEqual(sent.map((echoed) => ({ greeting: "hello\n", echoed })));
    });
  }

  it("reports an address it cannot listen on, and a malformed one", () => {
    const first = listenTcp("127.0.0.1:0");
    try {
      expect(() => listenTcp(`127.0.0.1:${first.port}`)).toThrow(
        /cannot listen on 127.0.0.1:\d+: Address in use\. \(EADDRINUSE\)/,
      );
    } finally {
      first.close();
    }
    expect(() => listenTcp("localhost")).toThrow(/not a HOST:PORT address/);
  });
});
