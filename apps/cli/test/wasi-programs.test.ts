import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildC, canRun, cToolchainAvailable, noCToolchain } from "@microwasm/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { microwasm, nodeWasi } from "./run-cli.js";

// C programs built with clang + wasi-libc, run through the CLI and, as the reference, under
// Node's own WebAssembly with node:wasi. Where node:wasi is wrong (it is not a sandbox, and
// uvwasi has bugs), the expected values are spelled out instead.

const programs = fileURLToPath(new URL("./programs/", import.meta.url));
const toolchain = canRun(cToolchainAvailable(), noCToolchain);

const wasm: Record<string, string> = {};
let work: string;

beforeAll(() => {
  if (!toolchain) return;
  for (const name of [
    "errno_edges",
    "args_env",
    "files",
    "sandbox",
    "clocks_random",
    "stdin_stats",
    "exit_code",
    "poll",
    "trap",
    "spin",
    "sleeper",
    "recurse",
  ]) {
    wasm[name] = buildC(join(programs, `${name}.c`));
  }
  work = mkdtempSync(join(tmpdir(), "microwasm-wasi-"));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A fresh empty directory under the work directory. */
function freshDir(name: string): string {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

describe.skipIf(!toolchain)("WASI programs through the CLI", () => {
  it("passes arguments (argv[0] = the file as given) and the environment", () => {
    const args = ["--env=GREETING=hello there", "--env=EMPTY=", wasm["args_env"]!, "one", "two words", ""];
    const ours = microwasm(args);
    expect(ours).toEqual(nodeWasi(args));
    expect(ours.stdout).toContain(`argv[0]=${wasm["args_env"]}\n`);
    expect(ours.stdout).toContain("argv[2]=two words\n");
    expect(ours.stdout).toContain("env: GREETING=hello there\nenv: EMPTY=\nenviron has 2 entries\n");
  });

  it("creates, reads, writes, seeks, truncates, renames, lists, links and removes files", () => {
    const dir = freshDir("files");
    const ours = microwasm([`--dir=${dir}`, wasm["files"]!, dir]);
    expect(ours.code).toBe(0);
    expect(ours.stdout).not.toContain("FAILED");
    expect(ours.stdout).toContain('read after seek: 6 "world\n"');
    expect(ours.stdout).toContain("bytes: 48 45 4c 4c 4f 00 00 00 00 00 21\n");
    expect(ours.stdout).toContain("listing of " + dir + ": b.txt sub\nlisting of " + dir + "/sub: c.txt\n");
    expect(ours.stdout.trimEnd().endsWith(`listing of ${dir}:`)).toBe(true);

    freshDir("files");
    const reference = nodeWasi([`--dir=${dir}`, wasm["files"]!, dir]);
    // node:wasi resolves a relative symlink's target against the wrong directory: following
    // "link" -> "b.txt" fails there. Everything else must be identical.
    const withoutSymlinkFollowing = (text: string) =>
      text
        .split("\n")
        .filter((line) => !/^(stat|open) through link|^first line through link/.test(line))
        .join("\n");
    expect(withoutSymlinkFollowing(ours.stdout)).toBe(withoutSymlinkFollowing(reference.stdout));
    expect(ours.stdout).toContain(
      "stat through link: ok\nopen through link: ok\nfirst line through link: line 0\n",
    );
  });

  it("a --map-dir preopen is seen under its guest name", () => {
    const dir = freshDir("mapped");
    const ours = microwasm([`--map-dir=/data::${dir}`, wasm["files"]!, "/data"]);
    expect(ours.code).toBe(0);
    expect(ours.stdout).not.toContain("FAILED");
    expect(ours.stdout).toContain("listing of /data/sub: c.txt\n");
  });

  it("keeps every path inside its preopen: .., absolute paths and symlinks all fail with ENOTCAPABLE", () => {
    const dir = freshDir("sandbox");
    writeFileSync(join(dir, "inside.txt"), "inside\n");
    mkdirSync(join(dir, "d"));
    symlinkSync("..", join(dir, "up"));
    symlinkSync("/etc", join(dir, "abs"));
    symlinkSync("../..", join(dir, "d", "back"));
    const ours = microwasm([`--dir=${dir}`, wasm["sandbox"]!]);
    expect(ours.code).toBe(0);
    const errno = Object.fromEntries(
      ours.stdout
        .trim()
        .split("\n")
        .map((line) => {
          const match = /^(.*?):? +(?:follow: )?errno (\d+)$/.exec(line)!;
          return [match[1]!.trim().replace(/ +/g, " "), Number(match[2])];
        }),
    );
    const ENOTCAPABLE = 76;
    expect(errno).toEqual({
      "fd 3 prestat": 0,
      "open inside.txt": 0,
      "open d/../inside.txt": 0,
      "open ./d/./../inside.txt": 0,
      "open ..": ENOTCAPABLE,
      "open ../etc/passwd": ENOTCAPABLE,
      "open d/../../etc/passwd": ENOTCAPABLE,
      "open /etc/passwd": ENOTCAPABLE,
      "open up/etc/passwd": ENOTCAPABLE,
      "open up": ENOTCAPABLE,
      "open abs/passwd": ENOTCAPABLE,
      "open abs": ENOTCAPABLE,
      "open d/back/etc/passwd": ENOTCAPABLE,
      // As on POSIX: a missing directory before ".." is ENOENT, not lexically skipped.
      "open missing/../inside.txt": 44,
      "stat ..": ENOTCAPABLE,
      "stat up": ENOTCAPABLE,
      "stat abs": ENOTCAPABLE,
      "stat d/back": ENOTCAPABLE,
      "mkdir ../outside-dir": ENOTCAPABLE,
      "rename to ../moved.txt": ENOTCAPABLE,
      "unlink up/etc/passwd": ENOTCAPABLE,
    });
    // node:wasi, for contrast, follows "abs" -> /etc and opens /etc/passwd: it is not a sandbox.
    expect(nodeWasi([`--dir=${dir}`, wasm["sandbox"]!]).stdout).toMatch(/open abs\/passwd +follow: errno 0/);
  });

  it("fails calls with POSIX's errno values, as node:wasi does except where it is wrong", () => {
    const dir = freshDir("edges");
    const ours = microwasm([`--dir=${dir}`, wasm["errno_edges"]!, dir]);
    expect(ours.code).toBe(0);
    freshDir("edges");
    const reference = nodeWasi([`--dir=${dir}`, wasm["errno_edges"]!, dir]);
    const lines = (text: string) =>
      Object.fromEntries(
        text
          .trim()
          .split("\n")
          .map((l) => l.split(/ +-> /)),
      );
    const ourLines = lines(ours.stdout);
    // Where node:wasi (uvwasi) differs, POSIX and wasmtime side with us.
    const differences = {
      // rmdir("dir/.") is EINVAL; uvwasi strips the "." and tries to remove the preopen itself.
      "rmdir .": "-1 errno 28",
      // fd_prestat_get on a descriptor that is not a preopen: EBADF, which is what wasi-libc's
      // preopen scan stops at (uvwasi says EINVAL).
      "fd_prestat_get stdout": "8 errno 0",
      // fallocate with a zero length is EINVAL.
      "fd_allocate len0": "28 errno 0",
      // Socket calls on a file: ENOTSOCK.
      "sock_shutdown file": "57 errno 0",
      "sock_accept file": "57 errno 0",
      // open("") is ENOENT.
      "path_open empty path": "44 errno 0",
      // Syncing a pipe is EINVAL (uvwasi: EBADF).
      "fdatasync stdout": "-1 errno 28",
    };
    expect(ourLines).toEqual({ ...lines(reference.stdout), ...differences });
    expect(ourLines["read dir fd"]).toBe("-1 errno 8");
    expect(ourLines["open dir O_WRONLY"]).toBe("-1 errno 31");
    expect(ourLines["open f/ (file with slash)"]).toBe("-1 errno 54");
  });

  it("reads clocks, sleeps and draws random bytes", () => {
    const args = [wasm["clocks_random"]!, String(Math.floor(Date.now() / 1000))];
    const ours = microwasm(args);
    const reference = nodeWasi(args);
    // uvwasi's sleep sometimes wakes a little before 20 ms by its own monotonic clock (seen on
    // a loaded CI machine), so only our run is held to "at least 20 ms".
    const sleptLine = /^usleep\(20ms\) slept at least 20ms: \d$/m;
    expect(ours.stdout.replace(sleptLine, "")).toEqual(reference.stdout.replace(sleptLine, ""));
    expect({ ...ours, stdout: "" }).toEqual({ ...reference, stdout: "" });
    expect(ours.stdout).toMatch(/^usleep\(20ms\) slept at least 20ms: 1$/m);
    // Every check prints 1; nanosleep and getentropy print their return values, 0.
    expect(ours.stdout.match(/: 0$/gm)).toEqual([": 0"]);
    expect(ours.stdout).toContain("nanosleep: 0\n");
    expect(ours.stdout).toContain("getentropy: 0 0\n");
  });

  it("reads stdin to its end", () => {
    const input = "hello world\nsecond line\n" + "x".repeat(100_000) + "\nlast";
    const ours = microwasm([wasm["stdin_stats"]!], { input });
    expect(ours).toEqual(nodeWasi([wasm["stdin_stats"]!], { input }));
    expect(ours.stdout).toMatch(/^bytes=100029 lines=3 checksum=\d+\nfirst line: HELLO WORLD\n$/);
  });

  it("exits with the program's exit code, by exit() or by returning from main", () => {
    for (const args of [["7"], ["0"], ["300", "return"], ["255"]]) {
      const ours = microwasm([wasm["exit_code"]!, ...args]);
      expect(ours).toEqual(nodeWasi([wasm["exit_code"]!, ...args]));
      expect(ours.code).toBe(Number(args[0]) & 0xff);
    }
  });

  it("polls clocks and file descriptors", () => {
    const dir = freshDir("poll");
    const ours = microwasm([`--dir=${dir}`, wasm["poll"]!, dir]);
    // node:wasi answers fd subscriptions on files with EPERM and reports no error for a bad
    // descriptor; a file is always ready (nbytes: what is left to read) and a bad fd is EBADF.
    expect(ours.stdout).toBe(
      "poll file: errno 0, 2 events\n" +
        "  userdata 2 type 1 error 0 nbytes 6\n" +
        "  userdata 3 type 2 error 0\n" +
        "poll clock only: errno 0, 1 events, userdata 1 type 0\n" +
        "poll bad fd: errno 0, 1 events, event error 8\n",
    );
    expect(nodeWasi([`--dir=${dir}`, wasm["poll"]!, dir]).stdout).toContain(
      "poll clock only: errno 0, 1 events, userdata 1 type 0\n",
    );
  });

  it("reports a trap with the wasm stack trace and exits with 1", () => {
    // The interpreter knows each frame's byte offset.
    const ours = microwasm(["--interp", wasm["trap"]!]);
    expect(ours.code).toBe(1);
    expect(ours.stdout).toBe("before the trap\n");
    expect(ours.stderr).toMatch(
      /^Exception: integer divide by zero\n {2}#00 divide \(wasm-function\[\d+\]:0x[0-9a-f]+\)\n {2}#01 main /,
    );
    expect(nodeWasi([wasm["trap"]!]).stdout).toBe("before the trap\n");
    // The AOT tier names the functions (read from the JS stack), without offsets.
    const aot = microwasm(["--aot", wasm["trap"]!]);
    expect(aot).toMatchObject({ code: 1, stdout: "before the trap\n" });
    expect(aot.stderr).toMatch(
      /^Exception: integer divide by zero\n {2}#00 divide \(wasm-function\[\d+\]\)\n {2}#01 main /,
    );
  });

  it("stops a runaway program at --timeout", () => {
    const started = Date.now();
    const ours = microwasm(["--timeout=200", wasm["spin"]!]);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toMatch(/^Exception: execution timed out\n/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("stops a program sleeping in poll_oneoff at --timeout too", () => {
    const started = Date.now();
    const ours = microwasm(["--timeout=300", wasm["sleeper"]!]);
    expect(ours.code).toBe(1);
    expect(ours.stderr).toMatch(/^Exception: execution timed out\n/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("--stack-size bounds the wasm stack (iwasm's default and wording); a deep trap shows both ends of the stack", () => {
    expect(microwasm(["--stack-size=1048576", wasm["recurse"]!, "3000"])).toMatchObject({
      code: 0,
      stdout: "3000\n",
    });
    expect(microwasm(["--aot", "--stack-size=1048576", wasm["recurse"]!, "3000"])).toMatchObject({
      code: 0,
      stdout: "3000\n",
    });
    const smallAot = microwasm(["--aot", wasm["recurse"]!, "3000"]);
    expect(smallAot.code).toBe(1);
    expect(smallAot.stderr).toMatch(/^Exception: wasm operand stack overflow\n {2}#00 depth \(wasm-function/);
    // iwasm's default, 64 KiB, holds a few hundred of these frames, not 3000. The interpreter
    // reports the whole stack (the AOT tier what the JS stack trace holds).
    const small = microwasm(["--interp", wasm["recurse"]!, "3000"]);
    expect(small.code).toBe(1);
    const lines = small.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("Exception: wasm operand stack overflow");
    expect(lines[1]).toMatch(/^ {2}#00 depth \(wasm-function/);
    expect(lines[21]).toMatch(/^ {2}\.\.\. \d+ more frames \.\.\.$/);
    expect(lines[lines.length - 1]).toMatch(/_start/);
    expect(lines.length).toBe(1 + 20 + 1 + 5);
  });

  it("calls a function of a WASI command with -f", () => {
    const ours = microwasm(["-f", "divide", wasm["trap"]!, "7", "2"]);
    // divide is static: not exported, so iwasm's lookup fails.
    expect(ours).toMatchObject({ code: 1, stderr: "Exception: lookup function divide failed\n" });
  });
});
