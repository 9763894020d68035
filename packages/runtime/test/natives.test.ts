import { LinkError } from "@microwasm/core";
import { MemoryInstance } from "@microwasm/interpreter";
import { wat } from "@microwasm/test-support";
import { describe, expect, it } from "vitest";
import { type ExecEnv, NativeSymbolError, Runtime, WasmException } from "../src/index.js";
import {
  type ErrorBuf,
  wasm_runtime_call_wasm,
  wasm_runtime_create_exec_env,
  wasm_runtime_destroy,
  wasm_runtime_full_init,
  wasm_runtime_get_exception,
  wasm_runtime_instantiate,
  wasm_runtime_load,
  wasm_runtime_lookup_function,
} from "../src/wamr/index.js";

const checksumText = `(module
  (import "env" "checksum" (func $checksum (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "\\01\\02\\03\\04")
  (func (export "sum") (param i32 i32) (result i32) (call $checksum (local.get 0) (local.get 1))))`;

describe("natives", () => {
  it("a *~ pair rejects a buffer that is not inside memory, without calling the native (WAMR face)", async () => {
    let calls = 0;
    const checksum = (_env: unknown, buf: Uint8Array, len: number) => {
      calls++;
      return buf.reduce((a, b) => a + b, 0) + len * 1000;
    };
    expect(
      wasm_runtime_full_init({
        mem_alloc_type: "System_Allocator",
        native_module_name: "env",
        native_symbols: [{ symbol: "checksum", func_ptr: checksum, signature: "(*~)i" }],
      }),
    ).toBe(true);
    try {
      const error_buf: ErrorBuf = { message: "" };
      const module = wasm_runtime_load(await wat(checksumText), error_buf)!;
      const inst = wasm_runtime_instantiate(module, 8192, 0, error_buf)!;
      const env = wasm_runtime_create_exec_env(inst, 8192)!;
      const sum = wasm_runtime_lookup_function(inst, "sum")!;
      const argv = new Uint32Array([16, 4]);
      expect(wasm_runtime_call_wasm(env, sum, 2, argv)).toBe(true);
      expect(argv[0]).toBe(4010);
      for (const [at, len] of [
        [65530, 7],
        [65536, 1],
        [0, 65537],
        [16, 0xffffffff],
        [0xfffffff0, 32],
      ] as const) {
        expect(wasm_runtime_call_wasm(env, sum, 2, new Uint32Array([at, len]))).toBe(false);
        expect(wasm_runtime_get_exception(inst)).toBe("Exception: out of bounds memory access");
      }
      expect(calls).toBe(1);
      expect(wasm_runtime_call_wasm(env, sum, 2, new Uint32Array([65532, 4]))).toBe(true); // the last 4 bytes are fine
    } finally {
      wasm_runtime_destroy();
    }
  });

  it("a signature that does not match the import is a LinkError naming module, field and both types", async () => {
    const runtime = new Runtime({
      nativeSymbols: [{ name: "checksum", fn: () => 0, signature: "(*~)I" }],
    });
    const module = runtime.load(await wat(checksumText));
    const loaded = runtime.pool.used;
    expect(() => module.instantiate()).toThrow(LinkError);
    expect(() => module.instantiate()).toThrow(
      'incompatible import type: env.checksum: expected i32 i32->i32, but native "checksum" has signature "(*~)I", i.e. i32 i32->i64',
    );
    expect(runtime.pool.used).toBe(loaded);
  });

  it("a bad signature is rejected at registration with the symbol's name", () => {
    const runtime = new Runtime();
    expect(() => runtime.registerNatives("env", [{ name: "oops", fn: () => 0, signature: "(i~)" }])).toThrow(
      NativeSymbolError,
    );
    expect(() => new Runtime({ nativeSymbols: [{ name: "oops", fn: () => 0, signature: "i" }] })).toThrow(
      /env\.oops/,
    );
    expect(
      wasm_runtime_full_init({ native_symbols: [{ symbol: "oops", func_ptr: () => 0, signature: "(" }] }),
    ).toBe(false);
  });

  it("several sets per module, other module names, unregister; natives get their env and attachment", async () => {
    const runtime = new Runtime();
    const seen: unknown[] = [];
    const first = [{ name: "f", signature: "(i)i", fn: (_e: ExecEnv, x: number) => x + 1 }];
    const second = [
      {
        name: "f",
        signature: "(i)i",
        attachment: "second",
        fn: (env: ExecEnv, x: number) => {
          seen.push(env.functionAttachment, env.moduleInstance === instance);
          return x + 2;
        },
      },
    ];
    runtime.registerNatives("env", first);
    runtime.registerNatives("env", second);
    runtime.registerNatives("math", [{ name: "twice", signature: null, fn: (_e, x: number) => x * 2 }]);
    const module = runtime.load(
      await wat(`(module (import "env" "f" (func $f (param i32) (result i32)))
        (import "math" "twice" (func $t (param i32) (result i32)))
        (func (export "run") (param i32) (result i32) (call $t (call $f (local.get 0)))))`),
    );
    const instance = module.instantiate();
    expect(instance.call("run", [5])).toEqual([14]);
    expect(seen).toEqual(["second", true]);
    expect(runtime.unregisterNatives("env", second)).toBe(true);
    expect(module.instantiate().call("run", [5])).toEqual([12]); // new instances link to what is left
    expect(instance.call("run", [5])).toEqual([14]); // linked instances keep theirs
  });

  it("raw natives get the argument cells untouched", async () => {
    const runtime = new Runtime();
    runtime.registerNativesRaw("env", [
      {
        name: "hi_lo",
        signature: "(I)i",
        fn: (_env, cells, base) => {
          cells.i32[base] = cells.i32[base + 1]! - cells.i32[base]!;
        },
      },
    ]);
    const module = runtime.load(
      await wat(`(module (import "env" "hi_lo" (func $h (param i64) (result i32)))
        (func (export "run") (result i32) (call $h (i64.const 0x0000000900000002))))`),
    );
    expect(module.instantiate().call("run")).toEqual([7]);
  });

  it("a native that calls wasm, and a wasm exception inside it, end the outer call with that exception", async () => {
    const runtime = new Runtime();
    runtime.registerNatives("env", [
      {
        name: "callback",
        signature: "(i)i",
        fn: (env: ExecEnv, x: number) => {
          const fn = env.moduleInstance.lookupFunction(x < 0 ? "boom" : "square")!;
          return env.call(fn, [x])[0];
        },
      },
    ]);
    const module = runtime.load(
      await wat(`(module (import "env" "callback" (func $cb (param i32) (result i32)))
        (func (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
        (func (export "boom") (param i32) (result i32) (i32.div_s (local.get 0) (i32.const 0)))
        (func (export "run") (param i32) (result i32) (i32.add (i32.const 1) (call $cb (local.get 0)))))`),
    );
    const instance = module.instantiate();
    expect(instance.call("run", [7])).toEqual([50]);
    expect(() => instance.call("run", [-1])).toThrow(new WasmException("Exception: integer divide by zero"));
    expect(instance.call("run", [3])).toEqual([10]);
  });

  it("explicit imports: JS functions and store objects", async () => {
    const runtime = new Runtime();
    const memory = new MemoryInstance({ limits: { min: 1 }, shared: false });
    const module = runtime.load(
      await wat(`(module (import "host" "add" (func $add (param i32 i32) (result i32)))
        (import "host" "mem" (memory 1))
        (func (export "run") (result i32) (i32.store (i32.const 8) (call $add (i32.const 2) (i32.const 3))) (i32.load (i32.const 8))))`),
    );
    const instance = module.instantiate({
      imports: { host: { add: (a: number, b: number) => a + b, mem: memory } },
    });
    expect(instance.call("run")).toEqual([5]);
    expect(memory.u8[8]).toBe(5);
    expect(() => runtime.load(new Uint8Array(0))).toThrow(/unexpected end/);
  });
});

describe("modules importing from registered modules", () => {
  it("link each importer to its own instance of the registered module", async () => {
    const runtime = new Runtime();
    const lib = runtime.load(
      await wat(`(module (memory (export "mem") 1) (global $n (mut i32) (i32.const 0))
        (func (export "next") (result i32) (global.set $n (i32.add (global.get $n) (i32.const 1))) (global.get $n)))`),
    );
    runtime.registerModule("counter", lib);
    const app = runtime.load(
      await wat(`(module (import "counter" "next" (func $next (result i32))) (import "counter" "mem" (memory 1))
        (func (export "twice") (result i32) (drop (call $next)) (call $next)))`),
    );
    const a = app.instantiate();
    const b = app.instantiate();
    expect(a.call("twice")).toEqual([2]);
    expect(a.call("twice")).toEqual([4]);
    expect(b.call("twice")).toEqual([2]);
    const missing = runtime.load(await wat(`(module (import "counter" "nope" (func)))`));
    expect(() => missing.instantiate()).toThrow(
      new LinkError("unknown import", "counter.nope: not exported"),
    );
    const noGlobal = runtime.load(await wat(`(module (import "elsewhere" "g" (global i32)))`));
    expect(() => noGlobal.instantiate()).toThrow(/unknown import: elsewhere\.g: no global is provided/);
    a.deinstantiate();
    b.deinstantiate();
    app.unload();
    lib.unload();
    missing.unload();
    runtime.destroy();
    expect(runtime.pool.used).toBe(0);
  });
});
