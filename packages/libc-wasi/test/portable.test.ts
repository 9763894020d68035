import { fileURLToPath } from "node:url";
import { CollectedOutput, MemoryFileSystem, WASI } from "@microwasm/libc-wasi/portable";
import { wat } from "@microwasm/test-support";
import { WebAssembly as Microwasm } from "@microwasm/webassembly";
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";

// The portable entry is for workers and browsers: it must not pull in anything from Node.

const entry = (name: string) => fileURLToPath(new URL(`../src/${name}.ts`, import.meta.url));
const bundleForBrowser = (name: string) =>
  buildSync({
    entryPoints: [entry(name)],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
  });

describe("the portable entry", () => {
  it("bundles for a browser with nothing from Node; the Node entry does not", () => {
    const text = bundleForBrowser("portable").outputFiles[0]!.text;
    expect(text).toContain("wasi_snapshot_preview1");
    expect(text).not.toMatch(/from\s*"node:|require\("node:/);
    expect(() => bundleForBrowser("index")).toThrow(/node:fs/);
  });

  it("runs a guest over in-memory files and streams, and refuses host descriptors and directories", async () => {
    expect(() => new WASI({ stdin: 0 })).toThrow(TypeError);
    expect(() => new WASI({ preopens: { "/tmp": "/tmp" } })).toThrow(TypeError);

    const fs = new MemoryFileSystem();
    fs.writeFile("greeting.txt", "hello from memory\n");
    const stdout = new CollectedOutput();
    const wasi = new WASI({ preopens: { "/data": fs }, stdout });
    // Opens /data/greeting.txt (fd 3 is the preopen), reads it and writes it to stdout.
    const bytes = await wat(`(module
      (import "wasi_snapshot_preview1" "path_open"
        (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      (data (i32.const 100) "greeting.txt")
      (func (export "_start")
        (drop (call $open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 12) (i32.const 0)
          (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 200)))
        (i32.store (i32.const 0) (i32.const 300))
        (i32.store (i32.const 4) (i32.const 64))
        (drop (call $read (i32.load (i32.const 200)) (i32.const 0) (i32.const 1) (i32.const 8)))
        (i32.store (i32.const 4) (i32.load (i32.const 8)))
        (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))`);
    const { instance } = await Microwasm.instantiate(bytes, wasi.getImportObject());
    expect(wasi.start(instance)).toBe(0);
    expect(stdout.text()).toBe("hello from memory\n");
  });
});
