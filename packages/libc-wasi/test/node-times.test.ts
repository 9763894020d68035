import { spawnSync } from "node:child_process";
import { lstatSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { canRun } from "@microwasm/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { Guest } from "./guest.js";

// File times on a host directory: read to the nanosecond (bigint stats); set to the
// microsecond, which is all Node's utimes family keeps (see the README).

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function hostDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), "libc-wasi-times-"));
  dirs.push(dir);
  return dir;
}

/** path_filestat_get's atim and mtim for `name` in the preopen (descriptor 3). */
function guestTimes(guest: Guest, name: string): { atim: bigint; mtim: bigint } {
  const [path, length] = guest.string(name);
  const stat = guest.alloc(64);
  expect(guest.calls["path_filestat_get"]!(3, 0, path, length, stat)).toBe(0);
  return { atim: guest.u64(stat + 40), mtim: guest.u64(stat + 48) };
}

/** GNU touch sets a time to the nanosecond (utimensat); Node cannot. */
const touch = spawnSync("touch", ["--version"], { encoding: "utf8" });
const gnuTouch = canRun(
  touch.status === 0 && touch.stdout.includes("GNU"),
  "GNU touch is not installed (coreutils), so no file can be given a time in nanoseconds",
);

describe("file times on a host directory", () => {
  it.skipIf(!gnuTouch)("reads them to the nanosecond (needs GNU touch to set such a time)", () => {
    const dir = hostDirectory();
    writeFileSync(join(dir, "f"), "x");
    const run = spawnSync("touch", ["-m", "-d", "@1700000000.123456789", join(dir, "f")]);
    expect(run.status).toBe(0);
    const host = lstatSync(join(dir, "f"), { bigint: true }).mtimeNs;
    // A filesystem that keeps coarser times cannot show the difference.
    if (host !== 1_700_000_000_123_456_789n) throw new Error(`${dir} keeps times only to ${host}`);
    const guest = new Guest({ preopens: { "/d": dir } });
    expect(guestTimes(guest, "f").mtim).toBe(1_700_000_000_123_456_789n);
  });

  it("sets them to the microsecond, leaving the time not asked for as it was", () => {
    const dir = hostDirectory();
    writeFileSync(join(dir, "f"), "x");
    const guest = new Guest({ preopens: { "/d": dir } });
    const before = guestTimes(guest, "f");
    const [path, length] = guest.string("f");
    const mtim = 1_600_000_000_987_654_321n;
    expect(guest.calls["path_filestat_set_times"]!(3, 0, path, length, 0n, mtim, 4 /* mtim */)).toBe(0);
    const after = guestTimes(guest, "f");
    expect(after.mtim).toBe(1_600_000_000_987_654_000n);
    expect(after.atim / 1000n).toBe(before.atim / 1000n);
  });
});

if (!gnuTouch) console.warn("node-times: skipping the nanosecond read test: GNU touch is not installed");
