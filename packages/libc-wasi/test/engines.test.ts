import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CollectedOutput, MemoryFileSystem, WASI } from "@microwasm/libc-wasi";
import { buildC, canRun, cToolchainAvailable, noCToolchain, wat } from "@microwasm/test-support";
import { WebAssembly as Microwasm } from "@microwasm/webassembly";
import { describe, expect, it } from "vitest";

// The same WASI program on Node's own WebAssembly and on microwasm's drop-in, both over an
// in-memory filesystem: libc-wasi only needs the standard JS API.

const filesProgram = fileURLToPath(new URL("../../../apps/cli/test/programs/files.c", import.meta.url));
const toolchain = canRun(cToolchainAvailable(), noCToolchain);

type Api = typeof Microwasm;
/** Node's own WebAssembly, typed as the standard API that microwasm's drop-in also is. */
const NodeWebAssembly = (globalThis as unknown as { WebAssembly: Api }).WebAssembly;
type Engine = Api;
const engines: Record<string, Engine> = { node: NodeWebAssembly, microwasm: Microwasm };

async function run(engine: Engine, bytes: Uint8Array) {
  const fs = new MemoryFileSystem();
  fs.mkdirp("data");
  const stdout = new CollectedOutput();
  const wasi = new WASI({ args: ["files", "/work/data"], preopens: { "/work": fs }, stdout, stderr: stdout });
  const instance = await engine.instantiate(await engine.compile(bytes), wasi.getImportObject());
  const code = wasi.start(instance);
  return { code, output: stdout.text() };
}

describe.runIf(toolchain)("libc-wasi on any engine", () => {
  it("runs the files program identically on Node's WebAssembly and on microwasm's", async () => {
    const bytes = readFileSync(buildC(filesProgram));
    const node = await run(engines["node"]!, bytes);
    const ours = await run(engines["microwasm"]!, bytes);
    expect(node.code).toBe(0);
    expect(node.output).not.toContain("FAILED");
    expect(node.output).toContain("listing of /work/data: b.txt sub\nlisting of /work/data/sub: c.txt\n");
    expect(ours).toEqual(node);
  });

  it("start() checks the instance and returns proc_exit's code", async () => {
    const wasi = new WASI();
    expect(() => wasi.start({ exports: {} })).toThrow(TypeError);
    const module = await NodeWebAssembly.compile(
      await wat(`(module
        (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
        (memory (export "memory") 1)
        (func (export "_start") (call $exit (i32.const 9))))`),
    );
    const instance = await NodeWebAssembly.instantiate(module, wasi.getImportObject());
    expect(wasi.start(instance)).toBe(9);
    expect(() => wasi.start(instance)).toThrow("already started");
  });

  it("initialize() runs a reactor's _initialize once; start() refuses a reactor without using up the WASI", async () => {
    const bytes = await wat(`(module
      (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      (data (i32.const 16) "ready\\n")
      (func (export "_initialize")
        (i32.store (i32.const 0) (i32.const 16))
        (i32.store (i32.const 4) (i32.const 6))
        (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))`);
    for (const engine of Object.values(engines)) {
      const stdout = new CollectedOutput();
      const wasi = new WASI({ stdout });
      const instance = await engine.instantiate(await engine.compile(bytes), wasi.getImportObject());
      expect(() => wasi.start(instance)).toThrow(TypeError);
      wasi.initialize(instance);
      expect(stdout.text()).toBe("ready\n");
      expect(() => wasi.initialize(instance)).toThrow("already started");
    }
  });
});
