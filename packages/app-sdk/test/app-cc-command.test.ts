import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppCompileError, AppCompileFailure, compileApp, runAppCc, sdkFiles } from "../src/index.js";
import { buildDir, cToolchain, examplesDir, noToolchainReason } from "./toolchain.js";
import { readAppInfo } from "./wasm-app-info.js";

function run(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = runAppCc(args, { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) });
  return { status, stdout: stdout.join(""), stderr: stderr.join("") };
}

const bin = new URL("../bin/microwasm-app-cc.js", import.meta.url).pathname;
const built = existsSync(new URL("../dist/index.js", import.meta.url));

describe("microwasm-app-cc", () => {
  it("--help prints the usage and exits 0", () => {
    const result = run(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: microwasm-app-cc");
    expect(result.stdout).toContain("--stack-size=<bytes>");
  });

  it("usage errors exit 2 and say what is wrong", () => {
    expect(run([])).toMatchObject({ status: 2, stderr: expect.stringContaining("no input files") });
    expect(run(["--frobnicate", "a.c"])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("unknown option --frobnicate"),
    });
    expect(run(["app.txt"])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("not a .c, .o or .a file"),
    });
    expect(run(["a.c", "-o"])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("-o needs a value"),
    });
    expect(run(["--stack-size=big", "a.c"])).toMatchObject({ status: 2 });
  });

  it("--print-include-dirs prints the SDK's header directories", () => {
    const result = run(["--print-include-dirs"]);
    expect(result.stdout.trim().split("\n")).toEqual([sdkFiles.includeDir, sdkFiles.sysrootIncludeDir]);
    expect(existsSync(join(sdkFiles.includeDir, "wasm_app.h"))).toBe(true);
  });

  it("without clang, says which packages to install", () => {
    const error = (() => {
      try {
        compileApp({ sources: ["app.c"], output: "app.wasm", clang: "/nonexistent/clang" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppCompileError);
    expect((error as AppCompileError).failure).toBe(AppCompileFailure.toolchainMissing);
    expect((error as AppCompileError).message).toContain("apt-get install clang lld");
  });

  it("rejects a memory size that is not whole pages before running anything", () => {
    expect(() => compileApp({ sources: ["a.c"], output: "a.wasm", initialMemory: 1000 })).toThrow(
      "bad options: the initial memory must be a positive multiple of 65536, got 1000",
    );
  });

  describe.skipIf(!cToolchain)("with clang", () => {
    it("builds an app with -O3 -o, one page of memory and WAMR's stack size by default", () => {
      const output = join(buildDir(), "timer.wasm");
      expect(run(["-O3", "-o", output, join(examplesDir, "timer.c")])).toMatchObject({
        status: 0,
        stderr: "",
      });
      const bytes = readFileSync(output);
      expect([...bytes.subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
      expect(readAppInfo(output).exports).toContain("on_timer_callback");
    });

    it("reports compile errors with clang's diagnostics and exits 1", () => {
      const source = join(buildDir(), "broken.c");
      writeFileSync(source, '#include "wasm_app.h"\nvoid on_init(void) { this is not C; }\n');
      const result = run(["-o", `${source}.wasm`, source]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("compile failed: cannot compile");
      expect(result.stderr).toContain("error:");
    });

    it("refuses a native the runtime does not have, at link time, naming the allow list", () => {
      const source = join(buildDir(), "fopen.c");
      writeFileSync(
        source,
        '#include "wasm_app.h"\nvoid *fopen(const char *, const char *);\nvoid on_init(void) { fopen("x", "r"); }\n',
      );
      const result = run(["-o", `${source}.wasm`, source]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("undefined symbol: fopen");
      expect(result.stderr).toContain("defined-symbols.txt");
    });

    it("requires on_init at link time (WAMR would only fail the install)", () => {
      const source = join(buildDir(), "no_init.c");
      writeFileSync(source, "void on_destroy(void) {}\n");
      const result = run(["-o", `${source}.wasm`, source]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("on_init");
    });

    it("an app's own entry point replaces the library's", () => {
      const source = join(buildDir(), "own_request.c");
      writeFileSync(
        source,
        '#include "wasm_app.h"\nint seen;\nvoid on_init(void) {}\nvoid on_request(char *b, int n) { seen = n; }\n',
      );
      const output = `${source}.wasm`;
      expect(run(["-o", output, source]).status).toBe(0);
      // The library's dispatch (which registers handlers through the runtime) is not linked.
      expect(readAppInfo(output).imports.has("env.wasm_register_resource")).toBe(false);
    });

    it("--stack-size, --initial-memory, --max-memory and --export reach the linker", () => {
      const source = join(buildDir(), "sized.c");
      writeFileSync(source, "void on_init(void) {}\nint answer(void) { return 42; }\n");
      const output = `${source}.wasm`;
      const result = run([
        "-v",
        "--stack-size=8192",
        "--initial-memory=131072",
        "--max-memory=262144",
        "--export=answer",
        "-o",
        output,
        source,
      ]);
      expect(result.status).toBe(0);
      expect(result.stderr).toContain("-Wl,-z,stack-size=8192");
      expect(readAppInfo(output).functionExports.get("answer")).toBe("()->i32");
      const dump = spawnSync("wasm-objdump", ["-x", "-j", "Memory", output], { encoding: "utf8" });
      if (dump.status === 0) expect(dump.stdout).toContain("initial=2 max=4");
    });

    it.skipIf(!built)("the installed command (bin) builds an app", () => {
      const output = join(buildDir(), "sensor.wasm");
      const result = spawnSync(process.execPath, [bin, "-o", output, join(examplesDir, "sensor.c")], {
        encoding: "utf8",
      });
      expect(result.status, result.stderr).toBe(0);
      expect(readAppInfo(output).imports.has("env.wasm_sensor_open")).toBe(true);
    });
  });
  if (!cToolchain) it.skip(`building not tested: ${noToolchainReason}`, () => {});
});
