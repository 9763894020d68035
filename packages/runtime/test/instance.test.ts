import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { type ExecEnv, Runtime, WasmException } from "../src/index.js";

const heapApp = `(module
  (import "env" "malloc" (func $malloc (param i32) (result i32)))
  (import "env" "free" (func $free (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "text\\00")
  ;; allocates two blocks, writes n bytes into the first, frees it; returns the second block
  (func (export "scribble") (param $n i32) (result i32) (local $a i32) (local $b i32)
    (local.set $a (call $malloc (i32.const 16)))
    (local.set $b (call $malloc (i32.const 16)))
    (memory.fill (local.get $a) (i32.const 0x41) (local.get $n))
    (call $free (local.get $a))
    (local.get $b))
  (func (export "alloc") (param i32) (result i32) (call $malloc (local.get 0))))`;

/** The runtime's natives for an app without its own allocator: malloc/free on the app heap. */
function heapNatives(runtime: Runtime): void {
  runtime.registerNatives("env", [
    {
      name: "malloc",
      signature: "(i)i",
      fn: (env: ExecEnv, size: number) => env.moduleInstance.moduleMalloc(size),
    },
    { name: "free", signature: "(i)", fn: (env: ExecEnv, ptr: number) => env.moduleInstance.moduleFree(ptr) },
  ]);
}

describe("the app heap", () => {
  it("is appended to the memory when the module has no allocator, and serves malloc/free", async () => {
    const runtime = new Runtime();
    heapNatives(runtime);
    const module = runtime.load(await wat(heapApp));
    const instance = module.instantiate({ heapSize: 10_000 });
    expect(instance.memory!.pages).toBe(2); // one page of its own, one for the heap
    const heap = instance.appHeap!;
    expect(heap.start).toBe(65536);
    const [p] = instance.call("alloc", [100]) as [number];
    expect(p).toBeGreaterThanOrEqual(65536);
    expect(p % 8).toBe(0);
    const q = instance.moduleMalloc(50);
    expect(q).toBeGreaterThan(p);
    instance.moduleFree(q);
    expect(instance.call("scribble", [16])).not.toEqual([0]);
    expect(instance.getException()).toBeNull();
  });

  it("an app that corrupts its heap gets an exception, not the host; the heap then refuses", async () => {
    const runtime = new Runtime();
    heapNatives(runtime);
    const instance = runtime.load(await wat(heapApp)).instantiate({ heapSize: 10_000 });
    // 32 bytes into a 16-byte block: over the next block's header, found when freeing.
    expect(() => instance.call("scribble", [32])).toThrow(new WasmException("Exception: app heap corrupted"));
    expect(instance.appHeap!.corrupted).toBe(true);
    expect(instance.moduleMalloc(8)).toBe(0);
    expect(instance.getException()).toBe("Exception: app heap corrupted");
    expect(() => instance.call("alloc", [8])).toThrow(new WasmException("Exception: app heap corrupted"));
  });
});

describe("instance services", () => {
  it("exceptions: set, read with WAMR's prefix, clear; custom data", async () => {
    const runtime = new Runtime();
    const instance = runtime.load(await wat(`(module (func (export "nop")))`)).instantiate();
    expect(instance.getException()).toBeNull();
    instance.setException("custom trouble");
    expect(instance.getException()).toBe("Exception: custom trouble");
    instance.clearException();
    expect(instance.getException()).toBeNull();
    instance.customData = { id: 7 };
    expect(instance.customData).toEqual({ id: 7 });
    expect(() => instance.call("missing")).toThrow(WasmException);
  });

  it("validates app addresses and strings, and converts between app offsets and views", async () => {
    const runtime = new Runtime();
    const instance = runtime
      .load(
        await wat(
          `(module (memory (export "memory") 1) (data (i32.const 100) "text\\00") (data (i32.const 65532) "abcd"))`,
        ),
      )
      .instantiate();
    expect(instance.validateAppAddr(0, 65536)).toBe(true);
    expect(instance.validateAppAddr(65535, 2)).toBe(false);
    expect(instance.getException()).toBe("Exception: out of bounds memory access");
    instance.clearException();
    expect(instance.validateAppStrAddr(100)).toBe(true);
    expect(instance.validateAppStrAddr(65532)).toBe(false); // no NUL before the end of memory
    expect(instance.validateAppStrAddr(70000)).toBe(false);
    const view = instance.addrAppToNative(100, 4)!;
    expect(new TextDecoder().decode(view)).toBe("text");
    expect(instance.addrNativeToApp(view)).toBe(100);
    expect(instance.addrNativeToApp(new Uint8Array(4))).toBeUndefined();
    expect(instance.addrAppToNative(65536)).toBeUndefined();
    expect(instance.addrAppToNative(65530, 7)).toBeUndefined();
    expect(instance.addrAppToNative(65530)!.length).toBe(6);
    expect(instance.validateNativeAddr(view, 4)).toBe(true);
    expect(instance.moduleMalloc(8)).toBe(0); // no heap asked for
    expect(instance.moduleDupData(new Uint8Array(1))).toBe(0);
  });

  it("deinstantiate and unload give the pool back; a deinstantiated instance refuses calls", async () => {
    const runtime = new Runtime({ allocator: "pool", poolSize: 1 << 20 });
    const module = runtime.load(
      await wat(`(module (memory 1) (func (export "f") (result i32) (i32.const 1)))`),
    );
    const afterLoad = runtime.pool.used;
    const instance = module.instantiate({ heapSize: 100 });
    const env = instance.createExecEnv(4096);
    expect(env.call(instance.lookupFunction("f")!)).toEqual([1]);
    expect(runtime.pool.used).toBeGreaterThan(afterLoad + 2 * 65536);
    instance.deinstantiate();
    expect(runtime.pool.used).toBe(afterLoad);
    expect(() => instance.call("f")).toThrow(/deinstantiated/);
    module.unload();
    expect(runtime.pool.used).toBe(0);
    expect(() => module.instantiate()).toThrow(/unloaded/);
  });

  it("keeps WASI settings for the module, checked", async () => {
    const runtime = new Runtime();
    const module = runtime.load(await wat(`(module)`));
    module.setWasiArgs({ args: ["app", "-v"], env: ["A=1"], dirs: ["."], mapDirs: ["/data::/tmp"] });
    expect(module.wasiArgs).toEqual({
      args: ["app", "-v"],
      env: ["A=1"],
      dirs: ["."],
      mapDirs: ["/data::/tmp"],
    });
    expect(() => module.setWasiArgs({ env: ["NOEQUALS"] })).toThrow(/env\.0: an env entry is NAME=value/);
  });
});

describe("the start function", () => {
  it("runs with natives that see the instance's memory and heap, and may call back into wasm", async () => {
    const runtime = new Runtime();
    const seen: unknown[] = [];
    runtime.registerNatives("env", [
      {
        name: "probe",
        signature: "()",
        fn: (env: ExecEnv) => {
          const instance = env.moduleInstance;
          seen.push(instance.addrAppToNative(8, 2)![1], instance.moduleMalloc(4) > 0);
          seen.push(env.call(instance.lookupFunction("seven")!)[0]);
        },
      },
    ]);
    const module = runtime.load(
      await wat(`(module (import "env" "probe" (func $p)) (memory (export "memory") 1) (data (i32.const 8) "ab")
        (func (export "seven") (result i32) (i32.const 7)) (func $s (call $p)) (start $s))`),
    );
    module.instantiate({ heapSize: 1024 });
    expect(seen).toEqual(["b".charCodeAt(0), true, 7]);
  });
});
