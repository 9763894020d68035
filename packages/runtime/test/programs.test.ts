import { MemoryFileSystem } from "@microwasm/libc-wasi/portable";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { Runtime, RuntimeOptionsError, WasmException } from "../src/index.js";

/** A WASI command that writes a file and calls proc_exit(code) from its start function or _start. */
function exitingCommand(where: "start" | "_start"): string {
  return `(module
    (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
    (memory (export "memory") 1)
    (func $bye (call $exit (i32.const 7)))
    ${where === "start" ? "(start $bye)" : ""}
    (func (export "_start") ${where === "_start" ? "(call $bye)" : "unreachable"}))`;
}

describe("running programs through the runtime", () => {
  it("takes proc_exit in a start function as the program's normal end, with its code", async () => {
    const runtime = new Runtime();
    const instance = runtime.load(await wat(exitingCommand("start"))).instantiate();
    expect(instance.hasExited).toBe(true);
    expect(instance.wasiExitCode).toBe(7);
    // _start (which would trap) does not run again: the program has ended.
    expect(instance.executeMain()).toBe(7);
    const later = runtime.load(await wat(exitingCommand("_start"))).instantiate();
    expect(later.hasExited).toBe(false);
    expect(later.executeMain()).toBe(7);
  });

  it("runs main(argc, argv) with argv in the app heap, and reports the kind of program", async () => {
    const runtime = new Runtime();
    runtime.registerNatives("env", [
      {
        name: "puts",
        signature: "($)i",
        fn: (_env, text: string) => {
          out.push(text);
          return 0;
        },
      },
    ]);
    const out: string[] = [];
    const loaded = runtime.load(
      await wat(`(module
        (import "env" "puts" (func $puts (param i32) (result i32)))
        (memory (export "memory") 1 1)
        (func (export "main") (param $argc i32) (param $argv i32) (result i32)
          (drop (call $puts (i32.load (i32.add (local.get $argv) (i32.const 4)))))
          (local.get $argc)))`),
    );
    expect(loaded.kind.kind).toBe("main");
    const instance = loaded.instantiate({ heapSize: 4096 });
    expect(instance.executeMain(["app", "hello", "there"])).toBe(3);
    expect(out).toEqual(["hello"]);
  });

  it("calls a function from text arguments and formats results as iwasm's -f", async () => {
    const instance = new Runtime()
      .load(
        await wat(`(module
          (func (export "mix") (param i32 i64 f64) (result i32 i64 f64)
            local.get 0 local.get 1 local.get 2))`),
      )
      .instantiate();
    expect(instance.executeFunction("mix", ["-1", "0x10", "2.5"])).toBe("0xffffffff:i32,0x10:i64,2.5:f64");
    expect(() => instance.executeFunction("mix", ["1"])).toThrow("Exception: invalid input argument count");
    expect(() => instance.executeFunction("nope", [])).toThrow("Exception: lookup function nope failed");
    expect(() => instance.executeFunction("mix", ["x", "1", "1"])).toThrow(WasmException);
  });

  it("disassembles a module's internal code, all of it or one function by export, name or index", async () => {
    const loaded = new Runtime().load(
      await wat(`(module
        (func $double (export "twice") (param i32) (result i32) (i32.add (local.get 0) (local.get 0)))
        (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))`),
    );
    expect(loaded.disassemble().match(/^func/gm)).toHaveLength(2);
    const twice = loaded.disassemble("twice");
    expect(twice).toMatch(/^func 0 double: 1 params/);
    expect(twice).toContain("i32.add");
    expect(loaded.disassemble("inc")).toMatch(/^func 1 inc:/);
    expect(loaded.disassemble("1")).toBe(loaded.disassemble("inc"));
    expect(() => loaded.disassemble("nope")).toThrow(RuntimeOptionsError);
  });

  it("checks the count and types of a call's arguments", async () => {
    const instance = new Runtime()
      .load(await wat(`(module (func (export "inc") (param i32 i64) (result i32) local.get 0))`))
      .instantiate();
    expect(instance.call("inc", [41, 1n])).toEqual([41]);
    expect(instance.call("inc", [0xffff_ffff, 1])).toEqual([-1]);
    expect(() => instance.call("inc", [])).toThrow(
      new RuntimeOptionsError("inc takes 2 arguments (i32, i64), got 0"),
    );
    expect(() => instance.call("inc", [1, 2n, 3])).toThrow(/takes 2 arguments/);
    expect(() => instance.call("inc", ["x" as never, 1n])).toThrow(
      new RuntimeOptionsError('inc: argument 0 must be i32, got the string "x"'),
    );
    expect(() => instance.call("inc", [1.5, 1n])).toThrow(/argument 0 must be i32, got number 1.5/);
    expect(() => instance.call("inc", [1, 2 ** 60])).toThrow(/argument 1 must be i64/);
    const env = instance.createExecEnv(4096);
    expect(() => env.call(instance.lookupFunction("inc")!, [1])).toThrow(RuntimeOptionsError);
  });

  it("gives WASI the embedder's in-memory filesystem and streams on the portable host", async () => {
    const written: Uint8Array[] = [];
    const loaded = new Runtime().load(
      await wat(`(module
        (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $name (param i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        ;; writes the name of preopen 3 to stdout
        (func (export "_start")
          (drop (call $name (i32.const 3) (i32.const 32) (i32.const 5)))
          (i32.store (i32.const 0) (i32.const 32))
          (i32.store (i32.const 4) (i32.const 5))
          (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))`),
    );
    loaded.setWasiArgs({
      preopens: { "/data": new MemoryFileSystem() },
      stdout: { write: (bytes) => void written.push(bytes.slice()) },
    });
    expect(loaded.instantiate().executeMain()).toBe(0);
    expect(new TextDecoder().decode(written[0])).toBe("/data");
  });

  it("ends a guest's sleep at the deadline, with the timeout", async () => {
    const loaded = new Runtime().load(
      await wat(`(module
        (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        ;; one subscription: a relative monotonic clock of 10 s
        (func (export "_start")
          (i64.store (i32.const 0) (i64.const 1))
          (i32.store8 (i32.const 8) (i32.const 0))
          (i32.store (i32.const 16) (i32.const 1))
          (i64.store (i32.const 24) (i64.const 10000000000))
          (drop (call $poll (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 128)))))`),
    );
    const started = performance.now();
    const instance = loaded.instantiate({ timeoutMs: 200 });
    expect(() => instance.executeMain()).toThrow("Exception: execution timed out");
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
