import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { microwasm } from "./run-cli.js";

// WebAssembly 3.0 memories and threads through the CLI: on by default, off with --disable-feature.

const dir = mkdtempSync(join(tmpdir(), "microwasm-features-"));
const file = join(dir, "memories.wasm");
writeFileSync(
  file,
  await wat(
    `(module
      (memory $a 1) (memory $b i64 1) (memory $s 1 1 shared)
      ;; stores x in each memory (at 8, a 64-bit address, and atomically), returns their sum
      (func (export "sum") (param $x i32) (result i32)
        (i32.store $a (i32.const 8) (local.get $x))
        (i32.store $b (i64.const 0x10) (local.get $x))
        (drop (i32.atomic.rmw.add $s (i32.const 4) (local.get $x)))
        (i32.add (i32.add (i32.load $a (i32.const 8)) (i32.load $b (i64.const 0x10)))
                 (i32.atomic.load $s (i32.const 4))))
      (func (export "far") (result i32) (i32.load $b (i64.const 0x100000000))))`,
    { multi_memory: true, memory64: true, threads: true },
  ),
);

describe("3.0 features in the CLI", () => {
  it("runs multi-memory, memory64 and atomics by default", () => {
    const run = microwasm(["-f", "sum", file, "14"]);
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("0x2a:i32");
    const far = microwasm(["-f", "far", file]);
    expect(far.stderr).toContain("out of bounds memory access");
    expect(far.code).not.toBe(0);
  });

  it("rejects a module using a feature that is turned off", () => {
    const run = microwasm(["--disable-feature", "multi-memory", "-f", "sum", file, "14"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("WASM module load failed"); // its memargs name memories: malformed in 2.0
    const validate = microwasm(["validate", "--disable-feature", "memory64,threads", file]);
    expect(validate.code).toBe(1);
    expect(microwasm(["validate", file]).stdout).toContain("valid");
    expect(microwasm(["--disable-feature", "no-such", file]).stderr).toContain("unknown feature");
  });
});
