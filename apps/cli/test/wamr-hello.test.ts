import { fileURLToPath } from "node:url";
import { buildC, canRun, cToolchainAvailable, noCToolchain } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { microwasm, nodeWasi } from "./run-cli.js";

// The hello world of WAMR's README (print, malloc(1024), print the pointer with %p, sprintf
// into the buffer, print it, free), built each way the CLI issue lists. The emscripten builds
// are committed fixtures (fixtures/emscripten/build.sh); the others are built here.

const programs = fileURLToPath(new URL("./programs/", import.meta.url));
const fixtures = fileURLToPath(new URL("./fixtures/emscripten/", import.meta.url));
const toolchain = canRun(cToolchainAvailable(), noCToolchain);
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

  // The builds below take printf, puts, malloc and free from module "env": WAMR's builtin libc
  // (@microwasm/libc-builtin), with malloc on an app heap of --heap-size bytes. The side
  // modules get their memory, stack and table from the CLI's dynamic-linking glue.
  for (const [build, libc] of [
    ["side-O3", ["puts", "malloc", "iprintf", "free"]],
    ["side-O0", ["printf", "malloc", "sprintf", "free"]],
  ] as const) {
    it(`as emscripten's SIDE_MODULE (${build}, as the README builds it) prints the README's three lines`, () => {
      const wasm = `${fixtures}${build}.wasm`;
      const info = microwasm(["inspect", wasm]);
      expect(info.stdout).toContain("side-module");
      expect(info.stdout).toContain("env.__stack_pointer: global mut i32");
      for (const name of libc) expect(info.stdout).toContain(`env.${name}: func`);
      const run = microwasm([wasm]);
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(run.stdout).toMatch(threeLines);
    });
  }

  it("without an app heap (--heap-size=0), the side module's malloc fails as in WAMR", () => {
    const run = microwasm(["--heap-size=0", `${fixtures}side-O0.wasm`]);
    expect(run).toMatchObject({ code: 255, stdout: "Hello world!\nmalloc buf failed\n", stderr: "" });
  });

  it("the pointer malloc returns lies in the app heap after the side module's layout", () => {
    const small = microwasm([`${fixtures}side-O0.wasm`]).stdout.match(/buf ptr: (0x[0-9a-f]+)/)![1]!;
    // A bigger heap does not move the first block: it starts where the glue's layout ends.
    const big = microwasm(["--heap-size=1048576", `${fixtures}side-O0.wasm`]).stdout.match(
      /buf ptr: (0x[0-9a-f]+)/,
    )![1]!;
    expect(big).toBe(small);
  });

  it.skipIf(!toolchain)("as a freestanding clang module prints the README's three lines", () => {
    const wasm = buildC(`${programs}wamr_hello_freestanding.c`, {
      target: "wasm32",
      flags: ["-nostdlib", "-Wl,--no-entry", "-Wl,--allow-undefined"],
    });
    const info = microwasm(["inspect", wasm]);
    expect(info.stdout).toContain(", main\n");
    for (const name of ["puts", "malloc", "printf", "free"])
      expect(info.stdout).toContain(`env.${name}: func`);
    const run = microwasm([wasm]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(threeLines);
    // Its heap is appended after the memory's initial pages, as WAMR inserts it.
    const pages = Number(info.stdout.match(/memory 0: min (\d+) pages/)![1]);
    const pointer = Number.parseInt(run.stdout.match(/buf ptr: 0x([0-9a-f]+)/)![1]!, 16);
    expect(pointer).toBeGreaterThanOrEqual(pages * 65536);
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
