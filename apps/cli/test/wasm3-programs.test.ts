import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildC, canRun, cToolchainAvailable, noCToolchain, wat } from "@microwasm/test-support";
import { afterAll, describe, expect, it } from "vitest";
import { microwasm, nodeWasi } from "./run-cli.js";

// C programs that need WebAssembly 3.0, built by Debian's clang: setjmp/longjmp lowered to wasm
// exceptions (-mllvm -wasm-enable-sjlj, with our glue: programs/sjlj) and a program whose
// stack depth only tail calls bound (-mtail-call). Their output through the CLI must be the
// same as under Node's own engine (which runs both without flags: Node 20 has the legacy
// exception instructions clang 14 emits, and tail calls).

const toolchain = canRun(cToolchainAvailable(), noCToolchain);
const program = (name: string) => fileURLToPath(new URL(`./programs/${name}`, import.meta.url));
const work = mkdtempSync(join(tmpdir(), "microwasm-w3-"));

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!toolchain)("WebAssembly 3.0 programs through the CLI", () => {
  it("setjmp/longjmp on wasm exceptions: the same output as Node's engine", () => {
    const wasm = buildC([program("sjlj/sjlj.c"), program("sjlj/sjlj-glue.c"), program("sjlj/sjlj-throw.s")], {
      flags: ["-mexception-handling", "-mllvm", "-wasm-enable-sjlj", `-I${program("sjlj")}`],
    });
    const ours = microwasm([wasm]);
    const node = nodeWasi([wasm]);
    expect(node.code).toBe(0);
    expect(ours.stderr).toBe("");
    expect(ours.stdout).toBe(node.stdout);
    expect(ours.stdout).toContain("line 2: failed with 1120 ('x')");
    expect(ours.stdout).toContain("20000 jumps, sum 200010000");
    expect(ours.code).toBe(0);
  }, 120_000);

  it("a tail-calling interpreter runs in constant stack: the same output as Node's engine", () => {
    const wasm = buildC(program("tailcall.c"), { flags: ["-mtail-call"] });
    // A stack that holds a few thousand frames: a million nested calls could not fit.
    const ours = microwasm(["--stack-size=65536", wasm]);
    const node = nodeWasi([wasm]);
    expect(node.code).toBe(0);
    expect(ours.stderr).toBe("");
    expect(ours.stdout).toBe(node.stdout);
    expect(ours.stdout).toContain("vm: 1200000 steps");
    expect(ours.code).toBe(0);
  }, 120_000);
});

describe("an uncaught wasm exception through the CLI", () => {
  it("is reported as iwasm reports it, with the wasm frames", async () => {
    const file = join(work, "uncaught.wasm");
    writeFileSync(
      file,
      await wat(`(module (tag $e (param i32))
        (func $inner (throw $e (i32.const 1)))
        (func (export "run") (result i32) (call $inner) (i32.const 0)))`),
    );
    // The interpreter's trace has every wasm frame; the AOT tier's (the default) starts at the thrower.
    const interpreted = microwasm(["--interp", "-f", "run", file]);
    expect(interpreted.code).toBe(1);
    expect(interpreted.stderr).toMatch(
      /^Exception: uncaught wasm exception\n {2}#00 inner \(wasm-function\[0\]:0x[0-9a-f]+\)\n {2}#01 /,
    );
    const run = microwasm(["-f", "run", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Exception: uncaught wasm exception\n {2}#00 inner /);
  });

  it("is refused with --disable-feature exceptions, as an older engine would", async () => {
    const file = join(work, "throws.wasm");
    writeFileSync(file, await wat(`(module (tag $e) (func (export "run") (throw $e)))`));
    const run = microwasm(["--disable-feature", "exceptions", "-f", "run", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^microwasm: WASM module load failed: malformed section id/);
    const unknown = microwasm(["--disable-feature", "teleportation", file]);
    expect(unknown.stderr).toContain("unknown feature");
  });
});
