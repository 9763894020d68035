import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { microwasm } from "./run-cli.js";

const example = fileURLToPath(new URL("../../../examples/fib.wasm", import.meta.url));
const noEval = { nodeArgs: ["--disallow-code-generation-from-strings"] };

describe("microwasm compile", () => {
  it("writes an ES module that runs where code generation from strings is forbidden", () => {
    const out = join(tmpdir(), `microwasm-fib-${process.pid}.mjs`);
    expect(microwasm(["compile", example, "-o", out])).toMatchObject({ code: 0, stderr: "" });
    expect(readFileSync(out, "utf8")).toMatch(/export const functions = \[\nfunction \(I, H, U\)/);
    expect(microwasm([out, "fib", "25"], noEval)).toMatchObject({ code: 0, stdout: "0x12511:i32\n" });
    // Without the compiled module the same host runs the interpreter ("auto" detects it).
    expect(microwasm([example, "fib", "25"], noEval)).toMatchObject({ code: 0, stdout: "0x12511:i32\n" });
    expect(microwasm(["--aot", example, "fib", "25"])).toMatchObject({ code: 0, stdout: "0x12511:i32\n" });
    expect(microwasm(["--interp", example, "fib", "25"])).toMatchObject({ code: 0, stdout: "0x12511:i32\n" });
  });

  it("refuses a module from another compiler version, or whose bytes changed", () => {
    const out = join(tmpdir(), `microwasm-fib-${process.pid}-b.mjs`);
    expect(microwasm(["compile", example, "-o", out]).code).toBe(0);
    const text = readFileSync(out, "utf8");
    writeFileSync(
      out,
      text.replace(/export const compiler = "microwasm [^"]+"/, 'export const compiler = "microwasm 0.0.1"'),
    );
    const old = microwasm([out, "fib", "25"]);
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/was compiled by microwasm 0\.0\.1, this is microwasm .*: compile it again/);
    // The same version writing another shape of code (before the metered/unmetered variants).
    writeFileSync(out, text.replace(/, AOT code format \d+"/, '"'));
    const format = microwasm([out, "fib", "25"]);
    expect(format.code).toBe(1);
    expect(format.stderr).toMatch(/this is microwasm [\d.]+, AOT code format \d+: compile it again/);
    writeFileSync(
      out,
      text.replace('export const wasm = "AGFzbQEAAAAB', 'export const wasm = "AGFzbQEAAAAC'),
    );
    const changed = microwasm([out, "fib", "25"]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/do not match their recorded hash/);
  });
});
