import { spawn } from "node:child_process";
import { once } from "node:events";
import { connect, createServer, type Socket } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildC, canRun, cToolchainAvailable, noCToolchain } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";

// A WASI echo server in C (libc-wasi's test program) behind `--tcplisten`, driven by a Node
// client on 127.0.0.1: the CLI preopens the listening socket as descriptor 3.
const appDir = fileURLToPath(new URL("..", import.meta.url));
const echoServer = fileURLToPath(
  new URL("../../../packages/libc-wasi/test/programs/echo_server.c", import.meta.url),
);

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

/** Connects (retrying while the server starts), reads the greeting, sends `text`, reads the echo to the end. */
async function echo(port: number, text: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const socket: Socket = connect(port, "127.0.0.1");
    try {
      await once(socket, "connect");
    } catch (error) {
      if (attempt > 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    let received = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      received += chunk;
      if (received === "hello\n") socket.end(text);
    });
    await once(socket, "close");
    return received;
  }
}

describe.runIf(canRun(cToolchainAvailable(), noCToolchain))("--tcplisten", () => {
  it("preopens a listening socket that a WASI server accepts on, blocking, and echoes through", async () => {
    const wasm = buildC(echoServer);
    const port = await freePort();
    const server = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=source",
        join(appDir, "src/cli.ts"),
        `--tcplisten=127.0.0.1:${port}`,
        wasm,
        "1",
      ],
      { cwd: appDir, env: { ...process.env, NODE_OPTIONS: "" } },
    );
    let stdout = "";
    server.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    const exited = once(server, "exit");
    try {
      expect(await echo(port, "ping over wasi")).toBe("hello\nping over wasi");
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      // A failed exchange must not leave the server listening after the test.
      if (server.exitCode === null) server.kill();
    }
    expect(stdout).toContain("client 0: non-blocking recv -1 EAGAIN");
    expect(stdout).toContain("client 0: echoed 14 bytes");
  }, 120_000);

  it("refuses an address it cannot listen on, in one line", async () => {
    const run = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--conditions=source",
        join(appDir, "src/cli.ts"),
        "--tcplisten=nonsense",
        fileURLToPath(new URL("../../../examples/hello.wasm", import.meta.url)),
      ],
      { cwd: appDir },
    );
    let stderr = "";
    run.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const [code] = await once(run, "exit");
    expect(code).toBe(1);
    expect(stderr).toMatch(/^microwasm: --tcplisten nonsense: .+\n$/);
  }, 60_000);
});
