import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const example = fileURLToPath(new URL("../../../examples/fib.wasm", import.meta.url));
/** The real bundle (not the dist/main.js shim), and the launcher that runs it with its code cache. */
const bundle = join(appDir, "dist/microwasm.cjs");
const launcher = join(appDir, "bin/microwasm.cjs");
/** A WASI command writing "hello from WASI\n" with fd_write. */
const helloWasi = await wat(`(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from WASI\\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 16))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))`);

function microwasm(...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=source", join(appDir, "src/cli.ts"), ...args],
    { cwd: appDir, encoding: "utf8" },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("microwasm CLI", () => {
  it("runs an exported function and prints results as iwasm does", () => {
    expect(microwasm(example, "fib", "25")).toMatchObject({ code: 0, stdout: "0x12511:i32\n" });
    expect(microwasm(example, "-f", "fib_iter", "90").stdout).toBe("0x27f80ddaa1ba7878:i64\n");
    // iwasm prints floats with %.7g
    expect(microwasm(example, "sum_squares", "1000").stdout).toBe("3.328335e+08:f64\n");
    expect(microwasm(example, "sum_squares", "3").stdout).toBe("5:f64\n");
  });

  it("reports a trap with its message and wasm stack, exit code 1", () => {
    const run = microwasm(example, "sum_squares", "100000");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Exception: out of bounds memory access");
    expect(run.stderr).toContain("wasm-function[");
  });

  it("gives one-line errors for bad input, not a JS stack", () => {
    const missing = microwasm(join(tmpdir(), "no-such-file.wasm"), "f");
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);

    const junk = join(tmpdir(), `microwasm-junk-${process.pid}.wasm`);
    writeFileSync(junk, "not wasm at all");
    const malformed = microwasm(junk, "f");
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain("magic header not detected");
    expect(malformed.stderr.trim().split("\n")).toHaveLength(1);

    const wrongArgs = microwasm(example, "fib");
    expect(wrongArgs.code).toBe(1);
    expect(wrongArgs.stderr).toBe("Exception: invalid input argument count\n");
  });

  it("the built CLI is one bundled file that runs on its own", () => {
    expect(existsSync(bundle), `${bundle} is missing: pnpm build makes it`).toBe(true);
    const code = readFileSync(bundle, "utf8");
    // Self-contained: no workspace package is loaded at run time...
    expect(code).not.toMatch(/require\("@microwasm\/|from "@microwasm\//);
    expect(code.length).toBeGreaterThan(100_000);
    // ...so the launcher and the bundle alone, copied where no node_modules are, still run.
    const alone = mkdtempSync(join(tmpdir(), "microwasm-alone-"));
    mkdirSync(join(alone, "bin"));
    mkdirSync(join(alone, "dist"));
    copyFileSync(launcher, join(alone, "bin/microwasm.cjs"));
    copyFileSync(bundle, join(alone, "dist/microwasm.cjs"));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(alone, "bin/microwasm.cjs"), ...args], {
        cwd: alone,
        encoding: "utf8",
      });
    expect(run(example, "fib", "20").stdout).toBe("0x1a6d:i32\n");
    expect(run("--version").stdout).toBe("microwasm 0.1.0\n");
    // A WASI program's output goes to the host's stdout.
    const hello = join(alone, "hello.wasm");
    writeFileSync(hello, helloWasi);
    expect(run(hello)).toMatchObject({ status: 0, stdout: "hello from WASI\n" });
    // ES modules of natives load from the bundle too (it runs as a vm.Script, which cannot import()).
    writeFileSync(
      join(alone, "n.mjs"),
      `export const natives = { symbols: [{ name: "n", signature: "()i", fn: () => 5 }] };`,
    );
    expect(run(`--native-lib=${join(alone, "n.mjs")}`, example, "fib", "5").stdout).toBe("0x5:i32\n");
  });

  it("runs iwasm's REPL until __exit__", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "--conditions=source", join(appDir, "src/cli.ts"), "--repl", example],
      { cwd: appDir, encoding: "utf8", input: "fib 10\nnope 1\n\nfib_iter 5\nfib\n__exit__\nfib 1\n" },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      "webassembly> 0x37:i32\n" +
        "webassembly> Exception: lookup function nope failed\n" +
        "webassembly> webassembly> 0x5:i64\n" +
        "webassembly> Exception: invalid input argument count\n" +
        "webassembly> exit repl mode\n",
    );
  });

  it("validates and inspects modules", () => {
    expect(microwasm("validate", example)).toMatchObject({ code: 0, stdout: `${example}: valid\n` });
    const info = microwasm("inspect", example);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain("  code                     offset 0x000053  size 129\n");
    expect(info.stdout).toContain("  fib_iter: func 1 (i64) -> (i64)\n");
    const junk = join(tmpdir(), `microwasm-junk-${process.pid}.wasm`);
    writeFileSync(
      junk,
      new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 10, 4, 1, 2, 0, 11]),
    );
    const invalid = microwasm("validate", junk);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^microwasm: WASM module load failed: type mismatch.*\n$/);
  });

  it("prints the interpreter's internal code with inspect --internal", () => {
    const all = microwasm("inspect", "--internal", example);
    expect(all.code).toBe(0);
    // One header per defined function, then one instruction per line with named operands.
    expect(all.stdout.match(/^func \d+/gm)?.length).toBeGreaterThan(1);
    const fib = microwasm("inspect", "--internal", "-f", "fib", example);
    expect(fib.stdout).toMatch(/^func 0: 1 params, 0 locals, \d+ frame slots, \d+ words\n/);
    expect(fib.stdout).toMatch(/^ +\d+ {2}call +func=0 argBase=s\d+$/m);
    expect(fib.stdout).toMatch(/^ +\d+ {2}return$/m);
    expect(fib.stdout.match(/^func/gm)).toHaveLength(1);
    const unknown = microwasm("inspect", "--internal", "-f", "nope", example);
    expect(unknown).toMatchObject({ code: 1, stderr: "microwasm: no defined function nope in the module\n" });
  });

  it("--stack-size bounds the call depth by size, as in WAMR, and a huge one costs nothing up front", async () => {
    const file = join(tmpdir(), `microwasm-depth-${process.pid}.wasm`);
    writeFileSync(
      file,
      await wat(`(module (func $down (export "down") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`),
    );
    // iwasm's default (64 KiB) holds hundreds of these frames; twice as many need twice the bytes.
    expect(microwasm(file, "down", "500").code).toBe(0);
    expect(microwasm(file, "down", "5000").stderr).toMatch(/^Exception: wasm operand stack overflow\n/);
    expect(microwasm("--stack-size=1048576", file, "down", "5000").code).toBe(0);
    // A gigabyte is a bound, not an allocation: a million frames deep, in seconds.
    const started = Date.now();
    const deep = microwasm("--stack-size=1000000000", file, "down", "1000000");
    expect(deep).toMatchObject({ code: 0, stdout: "0xf4240:i32\n" });
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it("validates every file it is given, and fails when any is not valid", () => {
    const missing = join(tmpdir(), "no-such-module.wasm");
    const run = microwasm("validate", example, missing, example);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`${example}: valid\n${example}: valid\n`);
    expect(run.stderr).toBe(`microwasm: cannot read ${missing}: no such file\n`);
  });

  it("takes help as a command, not as a file name", () => {
    const help = microwasm("help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: microwasm [options] <file.wasm> [args...]");
    expect(microwasm("help", "validate").stdout).toContain("Usage: microwasm validate");
  });

  it("ends quietly when its output pipe closes early", () => {
    const cli = `node --import tsx --conditions=source ${JSON.stringify(join(appDir, "src/cli.ts"))}`;
    // A reader that takes one line and leaves: the next writes meet a closed pipe (EPIPE).
    const run = spawnSync(
      "sh",
      [
        "-c",
        `${cli} inspect ${JSON.stringify(example)} | head -c 1 >/dev/null; yes "fib 5" | ${cli} --repl ${JSON.stringify(example)} | head -c 1`,
      ],
      {
        cwd: appDir,
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("gives a builtin-libc app its heap inside a memory that cannot grow, as the runtime does", async () => {
    // (memory 1 1) and env.malloc: WAMR inserts the app heap when it instantiates, whatever the maximum.
    const file = join(tmpdir(), `microwasm-fixed-memory-${process.pid}.wasm`);
    writeFileSync(
      file,
      await wat(`(module
        (import "env" "malloc" (func $malloc (param i32) (result i32)))
        (import "env" "printf" (func $printf (param i32 i32) (result i32)))
        (memory (export "memory") 1 1)
        (data (i32.const 16) "got %d bytes at a non-null address\\n\\00")
        (func (export "main") (result i32) (local $p i32)
          (local.set $p (call $malloc (i32.const 100)))
          (if (i32.eqz (local.get $p)) (then (return (i32.const 1))))
          (i32.store (i32.const 0) (i32.const 100))
          (drop (call $printf (i32.const 16) (i32.const 0)))
          (i32.const 0)))`),
    );
    expect(microwasm(file)).toMatchObject({
      code: 0,
      stdout: "got 100 bytes at a non-null address\n",
      stderr: "",
    });
  });

  it("links natives from a JS module given with --native-lib", async () => {
    const dir = mkdtempSync(join(tmpdir(), "microwasm-native-lib-"));
    writeFileSync(
      join(dir, "natives.mjs"),
      `export default { moduleName: "host", symbols: [
        { name: "triple", signature: "(i)i", fn: (env, x) => x * 3 },
        { name: "shout", signature: "($)", fn: (env, text) => process.stdout.write(text.toUpperCase() + "\\n") },
      ] };`,
    );
    writeFileSync(
      join(dir, "app.wasm"),
      await wat(`(module
        (import "host" "triple" (func $triple (param i32) (result i32)))
        (import "host" "shout" (func $shout (param i32)))
        (memory (export "memory") 1)
        (data (i32.const 8) "quiet\\00")
        (func (export "run") (param i32) (result i32)
          (call $shout (i32.const 8))
          (call $triple (local.get 0))))`),
    );
    expect(
      microwasm(`--native-lib=${join(dir, "natives.mjs")}`, join(dir, "app.wasm"), "run", "14"),
    ).toMatchObject({
      code: 0,
      stdout: "QUIET\n0x2a:i32\n",
    });
    writeFileSync(
      join(dir, "bad.mjs"),
      `export default { symbols: [{ name: "x", signature: "(q)", fn() {} }] };`,
    );
    const bad = microwasm(`--native-lib=${join(dir, "bad.mjs")}`, join(dir, "app.wasm"), "run", "1");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^microwasm: native library .*bad\.mjs: native symbol env\.x: signature: /);
  });

  it("finds imported wasm modules by name with --module-path, and says so at -v=3", async () => {
    const dir = mkdtempSync(join(tmpdir(), "microwasm-module-path-"));
    writeFileSync(
      join(dir, "mathlib.wasm"),
      await wat(
        `(module (func (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0))))`,
      ),
    );
    writeFileSync(
      join(dir, "app.wasm"),
      await wat(`(module
        (import "mathlib" "square" (func $square (param i32) (result i32)))
        (func (export "run") (param i32) (result i32) (i32.add (call $square (local.get 0)) (i32.const 1))))`),
    );
    const run = microwasm("-v=3", `--module-path=${dir}`, join(dir, "app.wasm"), "run", "6");
    expect(run).toMatchObject({ code: 0, stdout: "0x25:i32\n" });
    expect(run.stderr).toContain(`registered mathlib from ${dir}`);
    // Without the path the import is unlinked: a warning at the default level, none at -v=1.
    const unlinked = microwasm(join(dir, "app.wasm"), "run", "6");
    expect(unlinked.stderr).toContain("warning: failed to link import function (mathlib, square)");
    expect(unlinked.stderr).toContain("Exception: failed to call unlinked import function (mathlib, square)");
    expect(microwasm("-v=1", join(dir, "app.wasm"), "run", "6").stderr).not.toContain("warning");
  });

  it("rejects bad options in one line", () => {
    for (const args of [
      ["--env=novalue", example],
      ["--timeout=soon", example],
      ["--dir=/no/such/dir", example],
      ["--bogus", example],
      ["-v=9", example],
      ["--native-lib=/no/such/natives.mjs", example, "fib", "1"],
    ]) {
      const run = microwasm(...args);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("--timeout also stops a start function that never returns", async () => {
    const file = join(tmpdir(), `microwasm-start-spin-${process.pid}.wasm`);
    writeFileSync(
      file,
      await wat(
        `(module (func $spin (loop $l (br $l))) (start $spin) (func (export "main") (result i32) (i32.const 0)))`,
      ),
    );
    const run = microwasm("--timeout=300", file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Exception: execution timed out\n {2}#00 spin /);
  });
});
