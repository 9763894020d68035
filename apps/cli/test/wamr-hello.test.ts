import { fileURLToPath } from "node:url";
import { buildC, cToolchainAvailable } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { microwasm, nodeWasi } from "./run-cli.js";

// The hello world of WAMR's README (print, malloc(1024), print the pointer with %p, sprintf
// into the buffer, print it, free), built each way the CLI issue lists. The emscripten builds
// are committed fixtures (fixtures/emscripten/build.sh); the others are built here.

const programs = fileURLToPath(new URL("./programs/", import.meta.url));
const fixtures = fileURLToPath(new URL("./fixtures/emscripten/", import.meta.url));
const toolchain = cToolchainAvailable();
const threeLines = /^Hello world!\nbuf ptr: 0x[0-9a-f]+\nbuf: 1234\n$/;

describe("WAMR's hello world", () => {
  it.skipIf(!toolchain)("as a wasi-libc program prints the README's three lines, as node:wasi does", () => {
    const wasm = buildC(`${programs}wamr_hello.c`);
    const ours = microwasm([wasm]);
    expect(ours).toMatchObject({ code: 0, stderr: "" });
    expect(ours.stdout).toMatch(threeLines);
    expect(ours).toEqual(nodeWasi([wasm]));
  });

  it("as emscripten's STANDALONE_WASM prints the README's three lines, as node:wasi does", () => {
    const ours = microwasm([`${fixtures}standalone.wasm`]);
    expect(ours).toMatchObject({ code: 0, stderr: "" });
    expect(ours.stdout).toMatch(threeLines);
    expect(ours).toEqual(nodeWasi([`${fixtures}standalone.wasm`]));
  });

  // The builds below take printf, puts, malloc and free from module "env": WAMR's builtin libc,
  // which comes with @microwasm/libc-builtin (src/env-natives.ts is where it plugs in). Until
  // then everything else is linked (memory, stack pointer, memory and table bases, the
  // stack-overflow hook), the glue runs, and main stops at its first libc call, as iwasm does
  // without the natives. With libc-builtin these must print the three lines.
  for (const [build, firstCall, libc] of [
    ["side-O3", "puts", ["puts", "malloc", "iprintf", "free"]],
    ["side-O0", "printf", ["printf", "malloc", "sprintf", "free"]],
  ] as const) {
    it(`as emscripten's SIDE_MODULE (${build}, as the README builds it) gets all but libc from the glue`, () => {
      const wasm = `${fixtures}${build}.wasm`;
      const info = microwasm(["inspect", wasm]);
      expect(info.stdout).toContain("side-module");
      expect(info.stdout).toContain("env.__stack_pointer: global mut i32");
      const run = microwasm([wasm]);
      expect(run.stdout).toBe("");
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        libc.map((name) => `warning: failed to link import function (env, ${name})\n`).join("") +
          `Exception: failed to call unlinked import function (env, ${firstCall})\n`,
      );
    });
  }

  it.skipIf(!toolchain)("as a freestanding clang module imports its libc from env", () => {
    const wasm = buildC(`${programs}wamr_hello_freestanding.c`, {
      target: "wasm32",
      flags: ["-nostdlib", "-Wl,--no-entry", "-Wl,--allow-undefined"],
    });
    const info = microwasm(["inspect", wasm]);
    expect(info.stdout).toContain(", main\n");
    for (const name of ["puts", "malloc", "printf", "free"])
      expect(info.stdout).toContain(`env.${name}: func`);
    const run = microwasm([wasm]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Exception: failed to call unlinked import function (env, puts)\n");
  });
});

describe.skipIf(!toolchain)("main apps (no _start)", () => {
  it("run constructors, then main(argc, argv) with argv in memory; main's result is the exit code", () => {
    const wasm = buildC(`${programs}main_with_constructor.c`, {
      target: "wasm32",
      flags: ["-nostdlib", "-Wl,--no-entry", "-Wl,--export=__wasm_call_ctors"],
    });
    // 40 from the constructor + argc 3 + the length of the last argument, 5.
    expect(microwasm([wasm, "x", "hello"])).toMatchObject({ code: 48, stdout: "", stderr: "" });
  });
});
