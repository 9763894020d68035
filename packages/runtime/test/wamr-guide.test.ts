import { afterEach, describe, expect, it } from "vitest";
import {
  type ErrorBuf,
  EXPORT_WASM_API_WITH_SIG,
  type mem_alloc_info_t,
  type NativeSymbol,
  type RuntimeInitArgs,
  WASM_F64,
  WASM_I32,
  WASM_I64,
  type wasm_exec_env_t,
  wasm_runtime_addr_app_to_native,
  wasm_runtime_call_wasm,
  wasm_runtime_call_wasm_a,
  wasm_runtime_create_exec_env,
  wasm_runtime_deinstantiate,
  wasm_runtime_destroy,
  wasm_runtime_destroy_exec_env,
  wasm_runtime_full_init,
  wasm_runtime_get_exception,
  wasm_runtime_get_mem_alloc_info,
  wasm_runtime_get_module_inst,
  wasm_runtime_init,
  wasm_runtime_instantiate,
  wasm_runtime_load,
  wasm_runtime_lookup_function,
  wasm_runtime_module_dup_data,
  wasm_runtime_module_free,
  wasm_runtime_module_malloc,
  wasm_runtime_register_natives,
  wasm_runtime_unload,
  wasm_runtime_unregister_natives,
  type wasm_val_t,
} from "../src/wamr/index.js";
import { guideModule } from "./guide-module.js";

afterEach(() => wasm_runtime_destroy());

/** Each sample of WAMR's embedding guide (doc/embed_wamr.md), line by line. */
describe("WAMR's embedding guide, translated", () => {
  it("runs every sample, from init with a 512 KiB pool to the full teardown", async () => {
    const flushed: unknown[] = [];
    // the native functions that will be exported to WASM app
    function display_input_read(exec_env: wasm_exec_env_t, buf: Uint8Array): number {
      expect(wasm_runtime_get_module_inst(exec_env).getException()).toBeNull();
      buf[0] = 42; // a "(*)" pointer: checked for 1 byte, a view to the end of memory
      return buf.length;
    }
    function display_flush(
      exec_env: wasm_exec_env_t,
      x: number,
      y: number,
      w: number,
      h: number,
      color: Uint8Array,
    ) {
      // Native calls WASM: fib(w) through the exec env the native was called in.
      const module_inst = wasm_runtime_get_module_inst(exec_env);
      const fib = wasm_runtime_lookup_function(module_inst, "fib", null)!;
      const argv = new Uint32Array([w]);
      expect(wasm_runtime_call_wasm(exec_env, fib, 1, argv)).toBe(true);
      flushed.push([x, y, w, h, color.byteOffset, argv[0]]);
    }
    const native_symbols: NativeSymbol[] = [
      EXPORT_WASM_API_WITH_SIG(display_input_read, "(*)i"),
      EXPORT_WASM_API_WITH_SIG(display_flush, "(iiii*)"),
    ];

    // all the runtime memory allocations are restricted in the global_heap_buf array
    const global_heap_buf = new Uint8Array(512 * 1024);
    const init_args: RuntimeInitArgs = {
      mem_alloc_type: "Alloc_With_Pool",
      mem_alloc_option: { pool: { heap_buf: global_heap_buf, heap_size: global_heap_buf.length } },
      native_module_name: "env",
      n_native_symbols: native_symbols.length,
      native_symbols,
      max_thread_num: 4,
    };
    expect(wasm_runtime_full_init(init_args)).toBe(true);
    const info: mem_alloc_info_t = { total_size: 0, total_free_size: 0, highmark_size: 0 };
    wasm_runtime_get_mem_alloc_info(info);
    expect(info).toEqual({ total_size: 512 * 1024, total_free_size: 512 * 1024, highmark_size: 0 });

    const buffer = await guideModule();
    const error_buf: ErrorBuf = { message: "" };
    const stack_size = 8092;
    const heap_size = 8092;
    // parse the WASM file from buffer and create a WASM module
    const module = wasm_runtime_load(buffer, error_buf)!;
    expect(module, error_buf.message).not.toBeNull();
    // create an instance of the WASM module (WASM linear memory is ready)
    const module_inst = wasm_runtime_instantiate(module, stack_size, heap_size, error_buf)!;
    expect(module_inst, error_buf.message).not.toBeNull();

    // lookup a WASM function by its name; the function signature can be NULL here
    const func = wasm_runtime_lookup_function(module_inst, "fib", null)!;
    // create an execution environment to execute the WASM functions
    const exec_env = wasm_runtime_create_exec_env(module_inst, stack_size)!;
    // arguments are always transferred in 32-bit elements
    const argv = new Uint32Array(2);
    argv[0] = 8;
    // call the WASM function; the return value is stored in argv[0]
    expect(
      wasm_runtime_call_wasm(exec_env, func, 1, argv),
      wasm_runtime_get_exception(module_inst) ?? "",
    ).toBe(true);
    expect(argv[0]).toBe(21);

    // The mixed-argument call: char, int, double, int64 in six cells, a double back in two.
    const mixed = wasm_runtime_lookup_function(module_inst, "mixed", null)!;
    const argv6 = new Uint32Array(6);
    const arg1 = "a".charCodeAt(0);
    const arg2 = 10;
    const arg3 = 1.0;
    const arg4 = 100n;
    argv6[0] = arg1;
    argv6[1] = arg2;
    // memcpy(&argv[2], &arg3, sizeof(arg3)); memcpy(&argv[4], &arg4, sizeof(arg4));
    const cells = new DataView(argv6.buffer);
    cells.setFloat64(8, arg3, true);
    cells.setBigInt64(16, arg4, true);
    // attention: the arg number is 6 here since both arg3 and arg4 each take 2 elements
    expect(wasm_runtime_call_wasm(exec_env, mixed, 6, argv6)).toBe(true);
    // the return value is of 8 bytes: it takes the first two array elements
    const ret = cells.getFloat64(0, true);
    expect(ret).toBe(97 * 1000 + 10 + 1.0 + 100);

    // Pass a buffer to a WASM function: malloc in the instance, copy, call, free.
    const shout = wasm_runtime_lookup_function(module_inst, "shout", null)!;
    const out: { native?: Uint8Array | null } = {};
    const buffer_for_wasm = wasm_runtime_module_malloc(module_inst, 100, out);
    expect(buffer_for_wasm).not.toBe(0);
    const native = out.native!;
    native.set(new TextEncoder().encode("hello\0")); // strncpy(buffer, "hello", 100): native address in the runtime
    const argv2 = new Uint32Array([buffer_for_wasm, 100]); // the buffer address in WASM space, and its size
    expect(wasm_runtime_call_wasm(exec_env, shout, 2, argv2)).toBe(true);
    expect(argv2[0]).toBe(5);
    expect(new TextDecoder().decode(native.subarray(0, 5))).toBe("HELLO");
    // the embedder releases the memory, unless the WASM app frees the passed pointer itself
    wasm_runtime_module_free(module_inst, buffer_for_wasm);

    // module_dup_data: malloc and copy in one call.
    const data = new TextEncoder().encode("dup me\0");
    const dup = wasm_runtime_module_dup_data(module_inst, data);
    expect(dup).not.toBe(0);
    expect([...wasm_runtime_addr_app_to_native(module_inst, dup)!.subarray(0, data.length)]).toEqual([
      ...data,
    ]);
    const argvDup = new Uint32Array([dup, data.length]);
    expect(wasm_runtime_call_wasm(exec_env, shout, 2, argvDup)).toBe(true);
    expect(argvDup[0]).toBe(6);
    wasm_runtime_module_free(module_inst, dup);

    // WASM calls natives: display_input_read ("(*)i") and display_flush, which calls back into fib.
    const readInput = wasm_runtime_lookup_function(module_inst, "read_input", null)!;
    const argvRead = new Uint32Array(1);
    expect(wasm_runtime_call_wasm(exec_env, readInput, 0, argvRead)).toBe(true);
    const memoryBytes = module_inst.memory!.byteLength;
    expect(argvRead[0]).toBe(memoryBytes - 64 + 42);
    const flush = wasm_runtime_lookup_function(module_inst, "flush", null)!;
    expect(wasm_runtime_call_wasm(exec_env, flush, 5, new Uint32Array([1, 2, 10, 4, 256]))).toBe(true);
    expect(flushed).toEqual([[1, 2, 10, 4, 256, 55]]);

    wasm_runtime_get_mem_alloc_info(info);
    expect(info.total_free_size).toBeLessThan(512 * 1024);
    // the deinitialization procedure
    wasm_runtime_destroy_exec_env(exec_env);
    wasm_runtime_deinstantiate(module_inst);
    wasm_runtime_unload(module);
    wasm_runtime_get_mem_alloc_info(info);
    expect(info.total_free_size).toBe(512 * 1024);
    wasm_runtime_destroy();
  });

  it("reports failures the WAMR way: a falsy result and the message, never an exception", async () => {
    expect(wasm_runtime_full_init({ mem_alloc_type: "Alloc_With_Pool" })).toBe(false); // no pool given
    expect(wasm_runtime_full_init({ mem_alloc_type: "System_Allocator" })).toBe(true);
    const error_buf: ErrorBuf = { message: "" };
    expect(wasm_runtime_load(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0]), error_buf)).toBeNull();
    expect(error_buf.message).toBe("WASM module load failed: unknown binary version (at byte 0x4)");
    // The guide's app imports two natives this runtime lacks: it links to stubs that fail when called.
    const module = wasm_runtime_load(await guideModule(), error_buf)!;
    const inst = wasm_runtime_instantiate(module, 8192, 0, error_buf)!;
    const env = wasm_runtime_create_exec_env(inst, 8192)!;
    const read = wasm_runtime_lookup_function(inst, "read_input")!;
    expect(wasm_runtime_call_wasm(env, read, 0, new Uint32Array(1))).toBe(false);
    expect(wasm_runtime_get_exception(inst)).toBe(
      "Exception: failed to call unlinked import function (env, display_input_read)",
    );
    const fib = wasm_runtime_lookup_function(inst, "fib")!;
    expect(wasm_runtime_call_wasm(env, fib, 0, new Uint32Array(1))).toBe(false);
    expect(wasm_runtime_get_exception(inst)).toBe(
      "Exception: invalid argument count 0, must be no smaller than 1",
    );
    expect(wasm_runtime_lookup_function(inst, "fib", "(I)i")).toBeNull();
    expect(wasm_runtime_lookup_function(inst, "fib", "(i)i")).not.toBeNull();
    expect(wasm_runtime_module_malloc(inst, 16)).toBe(0); // no app heap: heap size 0
    expect(wasm_runtime_create_exec_env(inst, -1)).toBeNull();
    // A C host that ignores a failure passes null on: still no exception in the host.
    const failed = wasm_runtime_load(new Uint8Array(3), error_buf);
    expect(error_buf.message).toMatch(/^WASM module load failed: /);
    expect(wasm_runtime_instantiate(failed as never, 8192, 0, error_buf)).toBeNull();
    expect(error_buf.message).toMatch(/^WASM module instantiate failed: /);
    expect(wasm_runtime_lookup_function(null as never, "fib")).toBeNull();
    expect(wasm_runtime_get_exception(null as never)).toBeNull();
    expect(wasm_runtime_call_wasm(null as never, fib, 1, new Uint32Array(1))).toBe(false);
  });

  it("the guide's first sample: wasm_runtime_init, then register natives; and call_wasm_a with wasm_val_t", async () => {
    expect(wasm_runtime_init()).toBe(true);
    const inputs: number[] = [];
    const natives: NativeSymbol[] = [
      {
        symbol: "display_input_read",
        func_ptr: (_env: wasm_exec_env_t, buf: Uint8Array) => {
          inputs.push(buf.byteOffset);
          return 7;
        },
        signature: "(*)i",
      },
      { symbol: "display_flush", func_ptr: () => undefined, signature: "(iiii*)" },
    ];
    expect(wasm_runtime_register_natives("env", natives, natives.length)).toBe(true);
    const error_buf: ErrorBuf = { message: "" };
    const module = wasm_runtime_load(await guideModule(), error_buf)!;
    const inst = wasm_runtime_instantiate(module, 8092, 8092, error_buf)!;
    const env = wasm_runtime_create_exec_env(inst, 8092)!;
    const read = wasm_runtime_lookup_function(inst, "read_input")!;
    const results: wasm_val_t[] = [];
    expect(wasm_runtime_call_wasm_a(env, read, 1, results, 0, [])).toBe(true);
    expect(results[0]!.kind).toBe(WASM_I32);
    expect(inputs).toEqual([64]);
    const mixed = wasm_runtime_lookup_function(inst, "mixed")!;
    const args: wasm_val_t[] = [
      { kind: WASM_I32, of: { i32: 1 } },
      { kind: WASM_I32, of: { i32: 2 } },
      { kind: WASM_F64, of: { f64: 0.5 } },
      { kind: WASM_I64, of: { i64: 10n } },
    ];
    expect(wasm_runtime_call_wasm_a(env, mixed, 1, results, 4, args)).toBe(true);
    expect(results[0]).toEqual({ kind: WASM_F64, of: { f64: 1012.5 } });
    expect(wasm_runtime_call_wasm_a(env, mixed, 1, results, 3, args)).toBe(false);
    expect(wasm_runtime_get_exception(inst)).toBe(
      "Exception: the argument value number does not match the function declaration",
    );
    expect(wasm_runtime_unregister_natives("env", natives)).toBe(true);
    expect(wasm_runtime_unregister_natives("env", natives)).toBe(false);
    // New instances no longer find the natives: calling the import fails.
    const inst2 = wasm_runtime_instantiate(module, 8092, 0, error_buf)!;
    const env2 = wasm_runtime_create_exec_env(inst2, 8092)!;
    expect(
      wasm_runtime_call_wasm(env2, wasm_runtime_lookup_function(inst2, "read_input")!, 0, new Uint32Array(1)),
    ).toBe(false);
  });
});
