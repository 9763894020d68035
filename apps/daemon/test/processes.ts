import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const daemonDir = fileURLToPath(new URL("..", import.meta.url));
const cliDir = fileURLToPath(new URL("../../cli/", import.meta.url));
/** tsx's loader by path, so the programs run from their TypeScript sources (no build needed). */
const tsx = pathToFileURL(join(daemonDir, "node_modules/tsx/dist/loader.mjs")).href;

/** WAMR's sample apps as WAMR's toolchain built them (test data beside the repository). */
export const wamrAppsDir =
  process.env["MICROWASM_WAMR_APPS_DIR"] ??
  fileURLToPath(new URL("../../../../shared/wamr-apps/", import.meta.url));
export const haveWamrApps = existsSync(join(wamrAppsDir, "request_handler.wasm"));
export const noWamrAppsReason = `WAMR's prebuilt sample apps are not in ${wamrAppsDir} (set MICROWASM_WAMR_APPS_DIR)`;
export const wamrAppPath = (name: string) => join(wamrAppsDir, `${name}.wasm`);
export const wamrApp = (name: string) => new Uint8Array(readFileSync(wamrAppPath(name)));

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A running microwasmd: its port, what it printed so far, and how it ended. */
export interface DaemonProcess {
  readonly child: ChildProcess;
  readonly port: number;
  stdout(): string;
  /** The JSON log records on stderr so far. */
  log(): Record<string, unknown>[];
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Finished>;
  readonly exited: Promise<Finished>;
}

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts microwasmd from its sources with `--port 0` (unless given) and waits for its "ready" record. */
export function startDaemon(args: readonly string[], timeoutMs = 60_000): Promise<DaemonProcess> {
  const argv = args.includes("--port") || args.includes("--no-tcp") ? args : ["--port", "0", ...args];
  const child = spawn(
    process.execPath,
    ["--import", tsx, "--conditions=source", join(daemonDir, "src/main.ts"), ...argv],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } },
  );
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  const exited = new Promise<Finished>((resolve) =>
    child.on("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  const log = () =>
    stderr
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`microwasmd did not start in ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    void exited.then((end) => {
      clearTimeout(timer);
      reject(new Error(`microwasmd exited (${end.code ?? end.signal}) before it was ready:\n${stderr}`));
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      const before = stderr.length;
      stderr += chunk.toString("utf8");
      if (!stderr.slice(Math.max(0, before - 200)).includes('"msg":"ready"')) return;
      clearTimeout(timer);
      const listening = log().find((r) => r["msg"] === "listening");
      resolve({
        child,
        port: Number(listening?.["port"] ?? 0),
        stdout: () => stdout,
        log,
        stop: (signal = "SIGTERM") => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
        exited,
      });
    });
  });
}

/** Runs `microwasm ARGS` from the CLI's sources; resolves when it exits. */
export function microwasm(args: readonly string[], timeoutMs = 60_000): Promise<Finished> {
  const child = spawn(
    process.execPath,
    ["--import", tsx, "--conditions=source", join(cliDir, "src/cli.ts"), ...args],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_OPTIONS: "" },
    },
  );
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Waits until `check` holds (polling), or fails with `what`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
