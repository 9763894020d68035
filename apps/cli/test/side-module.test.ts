import { fileURLToPath } from "node:url";
import { buildC, canRun, cToolchainAvailable, noCToolchain } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { microwasm } from "./run-cli.js";

// A dynamic library (what emscripten's SIDE_MODULE=1 produces, here straight from clang and
// wasm-ld -shared): it imports env.memory, __indirect_function_table, __memory_base,
// __table_base and __stack_pointer, relocates its data (function pointers in a table) with
// __wasm_apply_data_relocs, runs a constructor from __wasm_call_ctors, then main(argc, argv).

const source = fileURLToPath(new URL("./programs/side_module.c", import.meta.url));
const toolchain = canRun(cToolchainAvailable(), noCToolchain);

describe.skipIf(!toolchain)("emscripten-style side modules", () => {
  const build = () =>
    buildC(source, {
      target: "wasm32-unknown-emscripten",
      flags: ["-fPIC", "-nostdlib", "-Wl,-shared", "-Wl,--experimental-pic", "-Wl,--export-all"],
    });

  it("gets its memory, table, globals and argv from the glue, then runs constructors and main", () => {
    const wasm = build();
    const info = microwasm(["inspect", wasm]);
    expect(info.stdout).toContain("side-module");
    expect(info.stdout).toMatch(/env\.__stack_pointer: global mut i32/);
    expect(info.stdout).toMatch(/dylink: memory \d+ bytes/);

    // main returns 100 (added by the constructor) + 5 + each argument's length (at most 63),
    // doubled or tripled through the relocated function-pointer table.
    const expected = (argv: string[]) =>
      argv.reduce((sum, arg, i) => sum + Math.min(arg.length, 63) * (i % 2 === 0 ? 2 : 3), 105) & 0xff;
    const run = microwasm([wasm, "abc", "de"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(expected([wasm, "abc", "de"]));
    const file = wasm.split("/").pop()!;
    const fromDir = microwasm([file, "x"], { cwd: wasm.slice(0, wasm.lastIndexOf("/")) });
    expect(fromDir.code).toBe(expected([file, "x"]));
  });

  it("calls one of its functions with -f after the glue ran", () => {
    const run = microwasm(["-f", "main", build(), "0", "0"]);
    // argc 0: no argument lengths, only the constructor's 100 and the static 5.
    expect(run).toMatchObject({ code: 0, stdout: "0x69:i32\n" });
  });
});
