import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { canRun, wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const example = fileURLToPath(new URL("../../../examples/fib.wasm", import.meta.url));
const bundle = join(appDir, "dist/main.js");
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

  it.runIf(canRun(existsSync(bundle), "apps/cli is not built (pnpm build)"))(
    "the built CLI is one bundled file that runs on its own",
    () => {
      const run = spawnSync(process.execPath, [bundle, example, "fib", "20"], { encoding: "utf8" });
      expect(run.stdout).toBe("0x1a6d:i32\n");
      expect(spawnSync(process.execPath, [bundle, "--version"], { encoding: "utf8" }).stdout).toBe(
        "microwasm 0.1.0\n",
      );
      expect(readFileSync(bundle, "utf8")).not.toMatch(/from "@microwasm\//);
      // A WASI program's output goes to the host's stdout.
      const hello = join(tmpdir(), `microwasm-hello-${process.pid}.wasm`);
      writeFileSync(hello, helloWasi);
      const wasi = spawnSync(process.execPath, [bundle, hello], { encoding: "utf8" });
      expect(wasi).toMatchObject({ status: 0, stdout: "hello from WASI\n" });
    },
  );

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

  it("rejects bad options in one line", () => {
    for (const args of [
      ["--env=novalue", example],
      ["--timeout=soon", example],
      ["--dir=/no/such/dir", example],
      ["--bogus", example],
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
