import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildC, canRun, cToolchainAvailable, noCToolchain } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { Runtime } from "../src/index.js";
import { nodeHost } from "../src/node.js";
import * as wamr from "../src/wamr/index.js";

const program = fileURLToPath(new URL("./programs/wasi_report.c", import.meta.url));

/** A host directory to map as /data, with note.txt in it and, next to it, a file the app must not reach. */
function sandbox(): string {
  const root = mkdtempSync(join(tmpdir(), "microwasm-runtime-wasi-"));
  writeFileSync(join(root, "outside.txt"), "secret\n");
  const dir = mkdtempSync(join(root, "data-"));
  writeFileSync(join(dir, "note.txt"), "from the host\n");
  return dir;
}

describe.runIf(canRun(cToolchainAvailable(), noCToolchain))("WASI from setWasiArgs", () => {
  it("gives a WASI command its args, env and preopened dir; proc_exit's code is the exit code", () => {
    const bytes = readFileSync(buildC(program));
    const dir = sandbox();
    const runtime = new Runtime({ host: nodeHost });
    const module = runtime.load(bytes);
    module.setWasiArgs({
      args: ["app", "one", "two"],
      env: ["GREETING=hello there"],
      mapDirs: [`/data::${dir}`],
    });
    const instance = module.instantiate({ stackSize: 64 * 1024 });
    expect(instance.executeMain()).toBe(7);
    expect(instance.wasiExitCode).toBe(7);
    expect(instance.getException()).toBeNull();
    expect(readFileSync(join(dir, "report.txt"), "utf8")).toBe(
      "arg 0: app\narg 1: one\narg 2: two\nGREETING: hello there\nnote: from the host\n\nescape: refused\n",
    );
  });

  it("refuses a host directory on the portable host, naming the way to reach the host", () => {
    const bytes = readFileSync(buildC(program));
    const module = new Runtime().load(bytes);
    module.setWasiArgs({ mapDirs: [`/data::${sandbox()}`] });
    expect(() => module.instantiate()).toThrow(/portable entry has none/);
  });

  it("works through WAMR's face: set_wasi_args, execute_main, get_wasi_exit_code", () => {
    const bytes = readFileSync(buildC(program));
    const dir = sandbox();
    expect(wamr.wasm_runtime_full_init({ mem_alloc_type: "System_Allocator", host: nodeHost })).toBe(true);
    const error_buf = { message: "" };
    const module = wamr.wasm_runtime_load(bytes, error_buf)!;
    expect(module).not.toBeNull();
    wamr.wasm_runtime_set_wasi_args(module, [], [`/data::${dir}`], [], ["app"]);
    const module_inst = wamr.wasm_runtime_instantiate(module, 64 * 1024, 0, error_buf)!;
    expect(error_buf.message).toBe("");
    expect(wamr.wasm_application_execute_main(module_inst, 0, [])).toBe(true);
    expect(wamr.wasm_runtime_get_wasi_exit_code(module_inst)).toBe(5);
    expect(readFileSync(join(dir, "report.txt"), "utf8")).toContain(
      "GREETING: (unset)\nnote: from the host\n",
    );
    wamr.wasm_runtime_deinstantiate(module_inst);
    wamr.wasm_runtime_unload(module);
    wamr.wasm_runtime_destroy();
  });

  it("fails instantiation when a preopened directory does not exist", () => {
    const bytes = readFileSync(buildC(program));
    const module = new Runtime({ host: nodeHost }).load(bytes);
    module.setWasiArgs({ dirs: ["/nonexistent-microwasm-dir"] });
    expect(() => module.instantiate()).toThrow(/pre-opening directory/);
  });
});
