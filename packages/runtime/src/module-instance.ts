import { type AppHeap, PoolAccount } from "@microwasm/allocator";
import { type Import, RuntimeError } from "@microwasm/core";
import {
  type ExecStack,
  type ExternalValue,
  FunctionInstance,
  type ModuleInstance as InterpreterInstance,
  invoke,
  type MemoryInstance,
  type Value,
} from "@microwasm/interpreter";
import { sleepNs, WASIExitError } from "@microwasm/libc-wasi/portable";
import { type NativeModuleInstance, OUT_OF_BOUNDS } from "@microwasm/native";
import { checkCallArguments } from "./call-arguments.js";
import { type ExceptionRaised, ResourceError, RuntimeOptionsError, WasmException } from "./errors.js";
import { EXCEPTION_PREFIX, exceptionMessageOf } from "./exception-text.js";
import { ExecEnv } from "./exec-env.js";
import { formatResults, parseArguments } from "./execute-function.js";
import type { LoadedModule } from "./loaded-module.js";
import { argvSize, writeArgv } from "./main-args.js";
import type { SideModuleGlue } from "./side-module-glue.js";
import { readCells, writeCells } from "./value-cells.js";
import { WasmFunction } from "./wasm-function.js";

/**
 * How deep natives may re-enter wasm on one env (native → wasm → native ...). Each re-entry
 * costs JS stack; past this the call fails with WAMR's "native stack overflow" before the JS
 * stack itself runs out (which it does near a thousand levels in a worker thread).
 */
const MAX_REENTRY = 200;

/** What a `ModuleInstance` needs from its creator (the runtime's instantiate). */
export interface InstanceSetup {
  readonly module: LoadedModule;
  readonly account: PoolAccount;
  readonly stackSize: number;
  readonly maxCallDepth: number;
}

/**
 * An instantiated module (WAMR's `wasm_module_inst_t`): calls, its exception, its memory seen
 * through bounds-checked accessors, its app heap, custom data, limits and teardown.
 */
export class ModuleInstance implements NativeModuleInstance {
  /** The embedder's own data (WAMR's `wasm_runtime_set_custom_data`). */
  customData: unknown = undefined;
  readonly module: LoadedModule;
  readonly stackSize: number;
  private readonly account: PoolAccount;
  private readonly maxCallDepth: number;
  private exception: string | null = null;
  private inner: InterpreterInstance | null = null;
  private defaultMemory: MemoryInstance | undefined;
  private heap: AppHeap | undefined;
  private appMalloc: FunctionInstance | undefined;
  private appFree: FunctionInstance | undefined;
  private defaultEnv: ExecEnv | undefined;
  private readonly envs = new Set<ExecEnv>();
  private readonly borrowedEnvs = new WeakMap<ExecStack, ExecEnv>();
  /** Instances of registered modules this one imports from (WAMR's sub-module instances). */
  private readonly subInstances: ModuleInstance[] = [];
  private currentEnv: ExecEnv | undefined;
  private lastStack: ExecStack | undefined;
  private lastEnv: ExecEnv | undefined;
  private alive = true;
  private exitCode = 0;
  private unlinked: readonly Import[] = [];
  private glue: SideModuleGlue | undefined;
  private initialized = false;
  private exited = false;
  private deadline = Number.POSITIVE_INFINITY;

  /** @internal built by `LoadedModule.instantiate`. */
  constructor(setup: InstanceSetup) {
    this.module = setup.module;
    this.account = setup.account;
    this.stackSize = setup.stackSize;
    this.maxCallDepth = setup.maxCallDepth;
  }

  /** @internal Wires the interpreter's instance in once it exists (before the start function runs). */
  attach(inner: InterpreterInstance, heap: AppHeap | undefined): void {
    this.inner = inner;
    this.defaultMemory = inner.memories[0];
    this.heap = heap;
    const malloc = inner.exports.get("malloc");
    const free = inner.exports.get("free");
    if (heap === undefined && malloc instanceof FunctionInstance && free instanceof FunctionInstance) {
      this.appMalloc = malloc;
      this.appFree = free;
    }
  }

  /** @internal What linking found: imports left unlinked, and a side module's glue. */
  setLinkInfo(unlinked: readonly Import[], glue: SideModuleGlue | undefined): void {
    this.unlinked = unlinked;
    this.glue = glue;
  }

  /** @internal A deadline (performance.now() time) for everything on the instance's own env. */
  setDeadline(at: number): void {
    this.deadline = at;
    this.defaultEnv?.setDeadline(at);
  }

  /**
   * Function imports nothing provided (WAMR warns "failed to link import function"): they are
   * linked to a function that ends the call with "failed to call unlinked import function".
   */
  get unlinkedImports(): readonly { readonly module: string; readonly name: string }[] {
    return this.unlinked.map((imp) => ({ module: imp.module, name: imp.name }));
  }

  /** @internal */
  adoptSubInstance(instance: ModuleInstance): void {
    this.subInstances.push(instance);
  }

  /** @internal Whether `attach` has run (the interpreter's instance exists). */
  get isAttached(): boolean {
    return this.inner !== null;
  }

  /** @internal The app called proc_exit outside a call from the host (in its start function). */
  recordExit(code: number): void {
    this.exitCode = code;
    this.exited = true;
  }

  /** Whether the app has ended its program with WASI's proc_exit (its code: `wasiExitCode`). */
  get hasExited(): boolean {
    return this.exited;
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** The default memory (index 0), if the module has one. */
  get memory(): MemoryInstance | undefined {
    return this.defaultMemory;
  }

  /** The app heap's region, when the runtime appended one. */
  get appHeap(): AppHeap | undefined {
    return this.heap;
  }

  /** An export by name (functions, memories, tables, globals as the interpreter's store objects). */
  getExport(name: string): ExternalValue | undefined {
    return this.inner?.exports.get(name);
  }

  /**
   * The exported function `name`, or undefined. With a `signature` (WAMR's letters, e.g.
   * "(ii)i", over i I f F), undefined also when the function's type differs.
   */
  lookupFunction(name: string, signature?: string | null): WasmFunction | undefined {
    const fn = this.inner?.exports.get(name);
    if (!(fn instanceof FunctionInstance)) return undefined;
    if (signature != null && signature !== signatureOf(fn)) return undefined;
    return new WasmFunction(this, name, fn);
  }

  /** A new exec env with a stack of `stackSize` bytes; throws `ResourceError` when the pool cannot give it. */
  createExecEnv(stackSize: number): ExecEnv {
    this.assertAlive();
    if (!(Number.isSafeInteger(stackSize) && stackSize >= 0)) {
      throw new RuntimeOptionsError(`a stack size is a non-negative integer, got ${stackSize}`);
    }
    const env = ExecEnv.create(this, stackSize, this.maxCallDepth, new PoolAccount(this.account.pool));
    this.envs.add(env);
    return env;
  }

  /**
   * The instance's own exec env (WAMR's `wasm_runtime_get_exec_env_singleton`), made on first
   * need with the instance's stack size: where `call` without an env, `executeMain` and
   * `executeFunction` run. Throws `ResourceError` when the pool cannot give its stack.
   */
  get execEnv(): ExecEnv {
    return this.ownExecEnv();
  }

  /** @internal */
  ownExecEnv(): ExecEnv {
    if (this.defaultEnv === undefined || this.defaultEnv.isDestroyed) {
      this.defaultEnv = this.createExecEnv(this.stackSize);
      this.defaultEnv.setDeadline(this.deadline);
    }
    return this.defaultEnv;
  }

  /**
   * @internal How the guest waits on a clock (WASI's poll_oneoff): a real sleep, but never past
   * the running call's deadline; one that would pass it ends the call with "execution timed out".
   */
  sleep(ns: bigint): void {
    const env = this.currentEnv ?? this.defaultEnv;
    const left = env === undefined ? Number.POSITIVE_INFINITY : env.armedDeadline - performance.now();
    if (left === Number.POSITIVE_INFINITY || Number(ns) / 1e6 < left) {
      sleepNs(ns);
      return;
    }
    if (left > 0) sleepNs(BigInt(Math.ceil(left * 1e6)));
    throw new RuntimeError("timeout");
  }

  /** @internal The env a native of this instance runs in, on `stack`. */
  envFor(stack: ExecStack): ExecEnv {
    // Natives are called many times in a row on one stack: remember the last answer.
    if (stack === this.lastStack && !this.lastEnv!.isDestroyed) return this.lastEnv!;
    const found = this.findEnv(stack);
    this.lastStack = stack;
    this.lastEnv = found;
    return found;
  }

  private findEnv(stack: ExecStack): ExecEnv {
    const env = ExecEnv.ofStack(stack);
    if (env !== undefined && env.moduleInstance === this) return env;
    // This instance's native called on another instance's stack (a sub-module's import): a view.
    let borrowed = this.borrowedEnvs.get(stack);
    if (borrowed === undefined) {
      borrowed = new ExecEnv(this, env?.stackSize ?? 0, stack, null);
      this.borrowedEnvs.set(stack, borrowed);
    }
    return borrowed;
  }

  /**
   * Calls `fn` (a function of this instance, or its name) with boundary values, on `env` or the
   * instance's own env. Throws `RuntimeOptionsError` when the arguments do not fit the
   * function's type (count or a value's type), `WasmException` ("Exception: ...") when the call
   * ends with an exception, which stays set on the instance; `ResourceError` when no env could
   * be made.
   */
  call(fn: WasmFunction | string, args: readonly Value[] = [], env?: ExecEnv): Value[] {
    this.assertAlive();
    const target = typeof fn === "string" ? this.lookupFunction(fn) : fn;
    if (target === undefined)
      throw new WasmException(`${EXCEPTION_PREFIX}no exported function ${String(fn)}`);
    return this.callOn(env ?? this.ownExecEnv(), target, args);
  }

  /** @internal */
  callOn(env: ExecEnv, fn: WasmFunction, given: readonly Value[]): Value[] {
    this.assertAlive();
    const args = checkCallArguments(fn.name, fn.type, given);
    if (env.isDestroyed) throw new WasmException(`${EXCEPTION_PREFIX}exec env was destroyed`);
    // A call from the host, not one made by a native while wasm runs on the same stack.
    const fromHost = env.running === 0 && env.stack.top === 0 && !env.isBorrowed;
    if (fromHost) {
      this.exception = null;
      env.armLimits();
    }
    if (env.running >= MAX_REENTRY) {
      this.exception ??= "native stack overflow";
      throw new WasmException(EXCEPTION_PREFIX + this.exception);
    }
    const outer = this.currentEnv;
    this.currentEnv = env;
    env.running++;
    try {
      return invoke(fn.fn, args, env.stack);
    } catch (error) {
      // WASI's proc_exit ends the call from the host successfully, as in WAMR, with no results.
      if (error instanceof WASIExitError && fromHost) {
        this.recordExit(error.code);
        return [];
      }
      if (this.exception === null) this.exception = exceptionMessageOf(error);
      throw new WasmException(EXCEPTION_PREFIX + this.exception, { cause: error });
    } finally {
      env.running--;
      if (fromHost) env.settleLimits();
      this.currentEnv = outer;
    }
  }

  /** The code the app passed to WASI's proc_exit (WAMR's `wasm_runtime_get_wasi_exit_code`); 0 until then. */
  get wasiExitCode(): number {
    return this.exitCode;
  }

  /**
   * What runs once before the app's own functions are called from the host, as WAMR does after
   * instantiation: a side module's dynamic-linking glue (GOT, data relocations, stack limits,
   * constructors), else a WASI reactor's `_initialize`, else (for a module that is not a WASI
   * command, whose `_start` runs them itself) `__wasm_call_ctors`. `executeMain` and
   * `executeFunction` call it; later calls do nothing. Throws `WasmException`.
   */
  initialize(): void {
    this.assertAlive();
    if (this.initialized) return;
    this.initialized = true;
    const exports = this.inner!.exports;
    const call = (fn: FunctionInstance, args: Value[]) => {
      this.call(new WasmFunction(this, fn.name ?? "", fn), args);
    };
    if (this.glue !== undefined) {
      this.glue.initialize(exports, call);
      return;
    }
    let init = exports.get("_initialize");
    if (init === undefined && exports.get("_start") === undefined) init = exports.get("__wasm_call_ctors");
    if (init instanceof FunctionInstance && init.type.params.length === 0) call(init, []);
  }

  /**
   * Runs the app as a program (WAMR's `wasm_application_execute_main`): a WASI command's
   * `_start` (its argv is the module's `setWasiArgs` args); otherwise, after `initialize`,
   * `main()` or `main(argc, argv)` (or wasi-libc's `__main_argc_argv`) with `argv` copied into
   * the app heap (or the app's own malloc, or a page grown for it). Returns the exit code:
   * proc_exit's, else main's result, else 0. Throws `WasmException` when the app traps or has
   * no `_start` or `main`, or when argv cannot be placed.
   */
  executeMain(argv: readonly string[] = []): number {
    this.assertAlive();
    // A program that exited in its start function has run.
    if (this.exited) return this.exitCode;
    const start = this.lookupFunction("_start");
    if (start !== undefined && start.type.params.length === 0 && this.glue === undefined) {
      this.call(start);
      return this.exitCode;
    }
    const main = this.lookupFunction("main") ?? this.lookupFunction("__main_argc_argv");
    const params = main?.type.params.length;
    if (main === undefined || (params !== 0 && params !== 2)) {
      this.exception = "lookup the entry point symbol (like _start, main, _main, __main_argc_argv) failed";
      throw new WasmException(EXCEPTION_PREFIX + this.exception);
    }
    this.initialize();
    if (this.exited) return this.exitCode;
    const args = params === 2 ? this.placeArgv(argv) : [];
    const [result] = this.call(main, args);
    return this.exited ? this.exitCode : typeof result === "number" ? result : 0;
  }

  /**
   * Calls exported function `name` with arguments given as text, as WAMR's
   * `wasm_application_execute_func` (iwasm's `-f`) does: integers in strtoul syntax, floats in
   * strtod syntax; returns the results as iwasm prints them (`0x2a:i32`, `1.5:f64`, comma
   * separated). Runs `initialize` first. Throws `WasmException` with WAMR's wording for an
   * unknown function ("lookup function NAME failed"), a wrong count or a bad argument.
   */
  executeFunction(name: string, args: readonly string[]): string {
    this.assertAlive();
    const fn = this.lookupFunction(name);
    if (fn === undefined) {
      this.exception = `lookup function ${name} failed`;
      throw new WasmException(EXCEPTION_PREFIX + this.exception);
    }
    let values: Value[];
    try {
      values = parseArguments(fn.type, args);
    } catch (error) {
      this.exception = (error as ExceptionRaised).message;
      throw new WasmException(EXCEPTION_PREFIX + this.exception);
    }
    this.initialize();
    return formatResults(fn.type, this.call(fn, values));
  }

  /**
   * argc and argv for main: the pointer array, then the strings, in the app heap (or the app's
   * own malloc); without either, in pages grown at the end of memory.
   */
  private placeArgv(argv: readonly string[]): [number, number] {
    const memory = this.defaultMemory;
    if (memory === undefined) return [argv.length, 0];
    const size = argvSize(argv);
    let base = this.moduleMalloc(size);
    if (base === 0 && this.heap === undefined && this.appMalloc === undefined) {
      const old = memory.grow(Math.ceil(size / 65536));
      if (old >= 0) base = old * 65536;
    }
    if (base === 0) {
      this.exception ??= "allocate memory failed";
      throw new WasmException(EXCEPTION_PREFIX + this.exception);
    }
    return [argv.length, writeArgv(memory, base, argv).argv];
  }

  /** @internal WAMR's `wasm_runtime_call_wasm`: never throws; false with the exception set on failure. */
  callCellsOn(env: ExecEnv, fn: WasmFunction, argc: number, argv: Uint32Array): boolean {
    const { params, results } = fn.type;
    const { paramCells, resultCells, hasReferences } = fn.cells;
    if (hasReferences) {
      this.setException("the cell convention carries no reference values");
      return false;
    }
    if (argc < paramCells || argv.length < paramCells) {
      this.setException(`invalid argument count ${argc}, must be no smaller than ${paramCells}`);
      return false;
    }
    if (argv.length < resultCells) {
      this.setException(`argv has ${argv.length} cells, the results need ${resultCells}`);
      return false;
    }
    try {
      const out = this.callOn(env, fn, readCells(argv, params));
      writeCells(argv, results, out);
      return true;
    } catch (error) {
      if (this.exception === null) this.exception = exceptionMessageOf(error);
      return false;
    }
  }

  /** WAMR's text: "Exception: <message>", or null when none is set. */
  getException(): string | null {
    return this.exception === null ? null : EXCEPTION_PREFIX + this.exception;
  }

  /** Sets the exception (without the "Exception: " prefix); null clears it. Ends the running call. */
  setException(message: string | null): void {
    this.exception = message;
  }

  clearException(): void {
    this.exception = null;
  }

  /** @internal */
  get hasException(): boolean {
    return this.exception !== null;
  }

  /**
   * Stops this instance's running code (WAMR's `wasm_runtime_terminate`): the exception
   * "terminated by user" is set and code running on its envs stops at its next back-edge or call.
   */
  terminate(): void {
    this.exception ??= "terminated by user";
    for (const env of this.envs) if (env.running > 0) env.stack.requestTerminate();
  }

  // ---- memory, seen by the host and by natives ----

  /** The default memory's current bytes, or undefined without one. */
  memoryBytes(): Uint8Array | undefined {
    return this.defaultMemory?.u8;
  }

  /**
   * Allocates `size` bytes in the app heap (or with the app's own `malloc`). Returns the app
   * offset, 0 when it cannot; a corrupted heap also sets the exception "app heap corrupted".
   */
  moduleMalloc(size: number): number {
    if (!this.alive || !(size >= 0)) return 0;
    if (this.heap !== undefined) {
      const at = this.heap.malloc(size);
      if (at === 0 && this.heap.corrupted) this.exception ??= "app heap corrupted";
      return at;
    }
    if (this.appMalloc === undefined) return 0;
    return this.callAllocator(this.appMalloc, [size | 0]);
  }

  moduleFree(ptr: number): void {
    if (!this.alive || ptr === 0) return;
    if (this.heap !== undefined) {
      if (this.heap.contains(ptr) && !this.heap.free(ptr) && this.heap.corrupted) {
        this.exception ??= "app heap corrupted";
      }
      return;
    }
    if (this.appFree !== undefined) this.callAllocator(this.appFree, [ptr | 0]);
  }

  /** Resizes a block of the app heap (only there, as in WAMR); 0 when it cannot. */
  moduleRealloc(ptr: number, size: number): number {
    if (!this.alive || this.heap === undefined) return 0;
    const at = this.heap.realloc(ptr, size);
    if (at === 0 && this.heap.corrupted) this.exception ??= "app heap corrupted";
    return at;
  }

  /** Allocates a block and copies `bytes` into it; the app offset, 0 when it cannot. */
  moduleDupData(bytes: Uint8Array): number {
    const at = this.moduleMalloc(bytes.length);
    if (at !== 0) this.memoryBytes()!.set(bytes, at);
    return at;
  }

  /** Whether `[offset, offset + size)` is inside memory; if not, sets "out of bounds memory access". */
  validateAppAddr(offset: number, size: number): boolean {
    const memory = this.memoryBytes();
    if (memory !== undefined && offset >= 0 && size >= 0 && offset + size <= memory.length) return true;
    this.exception = OUT_OF_BOUNDS;
    return false;
  }

  /** Whether a NUL-terminated string starts at `offset` inside memory; if not, sets the exception. */
  validateAppStrAddr(offset: number): boolean {
    const memory = this.memoryBytes();
    if (memory !== undefined && offset >= 0 && offset < memory.length && memory.indexOf(0, offset) >= 0)
      return true;
    this.exception = OUT_OF_BOUNDS;
    return false;
  }

  /** Whether `view` lies inside the current memory for `size` bytes (WAMR's `validate_native_addr`). */
  validateNativeAddr(view: Uint8Array, size: number): boolean {
    const at = this.addrNativeToApp(view);
    return at !== undefined && this.validateAppAddr(at, size);
  }

  /**
   * A view of memory from app `offset`: `length` bytes, or to the end of memory. Undefined when
   * it would not be inside memory. Views are detached by a grow: take new ones after.
   */
  addrAppToNative(offset: number, length?: number): Uint8Array | undefined {
    const memory = this.memoryBytes();
    if (memory === undefined || !(offset >= 0) || offset >= memory.length) return undefined;
    const size = length ?? memory.length - offset;
    if (!(size >= 0) || offset + size > memory.length) return undefined;
    return new Uint8Array(memory.buffer, memory.byteOffset + offset, size);
  }

  /** The app offset a view of the current memory starts at; undefined for any other bytes. */
  addrNativeToApp(view: Uint8Array): number | undefined {
    const memory = this.memoryBytes();
    if (memory === undefined || view.buffer !== memory.buffer) return undefined;
    return view.byteOffset - memory.byteOffset;
  }

  // ---- teardown ----

  /** Gives back every byte the instance took (memories, tables, stacks, sub-instances). */
  deinstantiate(): void {
    if (!this.alive) return;
    this.alive = false;
    for (const env of this.envs) env.destroy();
    this.envs.clear();
    for (const sub of this.subInstances) sub.deinstantiate();
    this.account.close();
    this.module.forget(this);
    this.inner = null;
    this.defaultMemory = undefined;
    this.heap = undefined;
  }

  private callAllocator(fn: FunctionInstance, args: Value[]): number {
    try {
      const env = this.currentEnv ?? this.ownExecEnv();
      const [result] = this.callOn(env, new WasmFunction(this, fn.name ?? "malloc", fn), args);
      return (result as number) >>> 0;
    } catch {
      return 0;
    }
  }

  private assertAlive(): void {
    if (!this.alive) throw new ResourceError("the instance was deinstantiated");
  }
}

const letters: Record<number, string> = { 127: "i", 126: "I", 125: "f", 124: "F", 111: "r" };

function signatureOf(fn: FunctionInstance): string {
  const { params, results } = fn.type;
  return `(${params.map((t) => letters[t] ?? "?").join("")})${results.map((t) => letters[t] ?? "?").join("")}`;
}
