import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { canRun } from "@microwasm/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DaemonProcess,
  haveWamrApps,
  microwasm,
  noWamrAppsReason,
  startDaemon,
  wamrAppPath,
} from "./processes.js";

const haveSocat = spawnSync("socat", ["-V"], { stdio: "ignore" }).status === 0;
const runnable = haveWamrApps && canRun(haveSocat, "socat is not installed (apt-get install socat)");
if (!haveWamrApps) console.warn(`skipped: UART tests: ${noWamrAppsReason}`);

/** A pseudo-terminal pair joined by socat: what one end writes, the other reads, as over a null-modem cable. */
function ptyPair(): Promise<{ socat: ChildProcess; device: string; host: string }> {
  return new Promise((resolve, reject) => {
    const socat = spawn("socat", ["-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let log = "";
    socat.stderr.on("data", (chunk: Buffer) => {
      log += chunk.toString("utf8");
      const ptys = [...log.matchAll(/PTY is (\S+)/g)].map((m) => m[1]!);
      if (ptys.length === 2 && log.includes("starting data transfer loop"))
        resolve({ socat, device: ptys[0]!, host: ptys[1]! });
    });
    socat.once("exit", (code) => reject(new Error(`socat exited with ${code}: ${log}`)));
  });
}

describe.runIf(runnable)(
  "microwasmd over a UART (a pseudo-terminal pair), driven by `microwasm host -D`",
  () => {
    let pair: Awaited<ReturnType<typeof ptyPair>>;
    let daemon: DaemonProcess;

    beforeAll(async () => {
      pair = await ptyPair();
      daemon = await startDaemon(["--no-tcp", "--uart", pair.device, "--baud", "115200"]);
    });
    afterAll(async () => {
      await daemon?.stop();
      pair?.socat.kill();
    });

    it("installs, queries and answers requests over the line, raw 8N1 at 115200", async () => {
      const host = (...args: string[]) => microwasm(["host", "-D", pair.host, "-B", "115200", ...args]);
      expect(await host("-q")).toMatchObject({ code: 69, stdout: '\nresponse status 69\n{\n\t"num":\t0\n}' });
      expect((await host("-i", "request_handler", "-f", wamrAppPath("request_handler"))).code).toBe(65);
      const get = await host("-r", "/url1", "-A", "GET");
      expect(get).toMatchObject({
        code: 69,
        stdout: '\nresponse status 69\n{\n\t"key1":\t"value1",\n\t"key2":\t"value2"\n}',
      });
      expect(daemon.log().find((r) => r["msg"] === "UART open")).toMatchObject({
        device: pair.device,
        baud: 115200,
      });
      // The line is in WAMR's mode: stty reads it back.
      const settings = spawnSync("stty", ["-F", pair.device, "-a"], { encoding: "utf8" }).stdout;
      expect(settings).toMatch(/speed 115200 baud/);
      expect(settings).toMatch(/ cs8 /);
      expect(settings).toMatch(/-parenb/);
      expect(settings).toMatch(/-cstopb/);
      expect((await host("-u", "request_handler")).code).toBe(66);
    });
  },
);
