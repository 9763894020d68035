import { AppHeap, PoolAccount } from "@microwasm/allocator";
import { ExternalKind, externalKindNames, LinkError, RuntimeError } from "@microwasm/core";
import { MissingAotTierError } from "@microwasm/engine";
import {
  type CompiledModule,
  disassemble,
  disassembleModule,
  ExceptionInstance,
  instantiateModule,
} from "@microwasm/interpreter";
import { WASIExitError } from "@microwasm/libc-wasi/portable";
import { appHeapLayout, hasOwnAllocator, withAppHeap } from "./app-heap-layout.js";
import { instanceBytes } from "./cost-estimates.js";
import { ExceptionRaised, ResourceError, RuntimeOptionsError, WasmException } from "./errors.js";
import { EXCEPTION_PREFIX, exceptionMessageOf } from "./exception-text.js";
import { createInstanceWasi, importsWasi } from "./instance-wasi.js";
import { linkImports } from "./link-imports.js";
import { ModuleInstance } from "./module-instance.js";
import { type ModuleKind, moduleKind } from "./module-kind.js";
import type { Runtime } from "./runtime.js";
import {
  checkInstantiateOptions,
  checkWasiArgs,
  type InstantiateOptions,
  type WasiArgs,
} from "./runtime-options.js";
import { SideModuleGlue } from "./side-module-glue.js";

const DEFAULT_STACK_SIZE = 64 * 1024;

export interface ModuleEntry {
  readonly module: string;
  readonly name: string;
  readonly kind: "function" | "table" | "memory" | "global" | "tag";
}

/** A loaded module (WAMR's `wasm_module_t`): parsed, validated and compiled once; instantiated any number of times. */
export class LoadedModule {
  private readonly instances = new Set<ModuleInstance>();
  private wasi: WasiArgs | undefined;
  private loaded = true;
  private kindOf: ModuleKind | undefined;
  /** Registered modules being instantiated for this one right now: a cycle is a LinkError. */
  private instantiating = false;

  /** @internal use `Runtime.load`. */
  constructor(
    readonly runtime: Runtime,
    /** @internal */ readonly compiled: CompiledModule,
    private readonly account: PoolAccount,
  ) {}

  get isLoaded(): boolean {
    return this.loaded;
  }

  get imports(): ModuleEntry[] {
    return this.compiled.module.imports.map((i) => ({
      module: i.module,
      name: i.name,
      kind: externalKindNames[i.desc.kind],
    }));
  }

  /**
   * How the module runs as a program (`ModuleInstance.executeMain`): a WASI command
   * (`_start`), an emscripten side module or `-shared` library (dynamic-linking glue, then
   * `main`), a builtin-libc app (`main`), or a library with nothing to run by default.
   */
  get kind(): ModuleKind {
    this.kindOf ??= moduleKind(this.compiled.module);
    return this.kindOf;
  }

  get exports(): Omit<ModuleEntry, "module">[] {
    return this.compiled.module.exports.map((e) => ({ name: e.name, kind: externalKindNames[e.kind] }));
  }

  /**
   * The AOT tier's JavaScript for every function of the module, as the source of an array
   * literal that `Runtime.load(bytes, { precompiled })` takes once evaluated (`microwasm compile`).
   * Throws `MissingAotTierError` when the runtime was made without the tier (`aot` option).
   */
  precompiledSource(): string {
    if (this.runtime.aot === undefined) throw new MissingAotTierError("precompiledSource");
    return this.runtime.aot.precompiledSource(this.compiled);
  }

  /**
   * The engine's internal code as text, one instruction per line (what `microwasm inspect
   * --internal` prints, for performance work): every defined function, or the one `name` names
   * (an export, a name-section name, or a function index). Throws `RuntimeOptionsError` for a
   * name that is none of them or an imported function.
   */
  disassemble(name?: string): string {
    const { functions } = this.compiled;
    if (name === undefined) return disassembleModule(this.compiled);
    const exported = this.compiled.module.exports.find(
      (e) => e.name === name && e.kind === ExternalKind.func,
    );
    const index = exported?.index ?? (/^\d+$/.test(name) ? Number(name) : undefined);
    const fn = functions.find((f) => (index !== undefined ? f.funcIndex === index : f.name === name));
    if (fn === undefined) throw new RuntimeOptionsError(`no defined function ${name} in the module`);
    return disassemble(fn);
  }

  /**
   * WASI settings for instances made from now on (WAMR's `wasm_runtime_set_wasi_args`), checked
   * here: each instance of a module importing `wasi_snapshot_preview1` gets its own
   * `@microwasm/libc-wasi` WASI with these args, env and preopened dirs.
   */
  setWasiArgs(args: WasiArgs): void {
    this.wasi = checkWasiArgs(args);
  }

  get wasiArgs(): WasiArgs | undefined {
    return this.wasi;
  }

  /**
   * Instantiates: links imports, allocates memories, tables and globals from the runtime's pool
   * (plus an app heap of `heapSize` bytes appended to the memory when the module has no
   * allocator of its own), applies segments and runs the start function. Throws `LinkError`,
   * `ResourceError` ("allocate memory failed") or `WasmException` (the start function's
   * exception); whatever it took from the pool is given back first.
   */
  instantiate(options: InstantiateOptions = {}): ModuleInstance {
    if (!this.loaded) throw new ResourceError("the module was unloaded");
    const {
      stackSize = DEFAULT_STACK_SIZE,
      heapSize = 0,
      imports,
      timeoutMs,
    } = checkInstantiateOptions(options);
    if (this.instantiating) throw new LinkError("unknown import", "modules import each other in a cycle");
    const { module } = this.compiled;
    const account = new PoolAccount(this.runtime.pool);
    const instance = new ModuleInstance({
      module: this,
      account,
      stackSize,
      maxCallDepth: this.runtime.maxCallDepth,
    });
    this.instantiating = true;
    try {
      if (!account.reserve(instanceBytes(module))) throw new ResourceError();
      const { kind } = this;
      // A side module's memory is the glue's, with the app heap after its stack.
      const glue =
        kind.kind === "side-module"
          ? new SideModuleGlue(module, kind.dylink, hasOwnAllocator(module) ? 0 : heapSize)
          : undefined;
      const layout = glue === undefined ? appHeapLayout(module, heapSize) : undefined;
      if (layout === "too large") throw new ResourceError();
      const compiled = layout === undefined ? this.compiled : withAppHeap(this.compiled, layout);
      const heapRegion =
        glue !== undefined
          ? glue.layout.heapSize > 0
            ? { base: glue.layout.heapBase, size: glue.layout.heapSize }
            : undefined
          : layout;
      const wasi = importsWasi(module.imports)
        ? createInstanceWasi(this.runtime.host, this.wasi, (ns) => instance.sleep(ns))
        : undefined;
      const linked = linkImports(this, instance, {
        explicit: imports,
        glue: glue?.provider,
        natives: this.runtime.natives,
        wasi,
        registeredModule: (name) => this.runtime.registeredModule(name),
        instantiateDependency: (dependency) => {
          const sub = dependency.instantiate({ stackSize, heapSize });
          instance.adoptSubInstance(sub);
          return sub;
        },
      });
      instance.setLinkInfo(linked.unlinked, glue);
      if (timeoutMs !== undefined) instance.setDeadline(performance.now() + timeoutMs);
      // The start function runs on the instance's own env, counted as a call from the host.
      const env = module.start === null ? undefined : instance.ownExecEnv();
      if (env !== undefined) {
        env.running++;
        env.armLimits();
      }
      try {
        instantiateModule(compiled, linked.values, {
          budget: account,
          stack: env?.stack,
          beforeStart: (inner) => {
            const memory = inner.memories[0];
            const heap =
              heapRegion !== undefined && memory !== undefined
                ? new AppHeap(memory, heapRegion.base, heapRegion.size)
                : undefined;
            instance.attach(inner, heap);
            if (wasi !== undefined && memory !== undefined) wasi.attachMemory(memory.currentBufferSource());
          },
        });
      } catch (error) {
        // proc_exit in the start function ends the program, normally: the instance stands,
        // with the exit code (everything but the start function was done before it ran).
        if (!(error instanceof WASIExitError) || !instance.isAttached) throw error;
        instance.recordExit(error.code);
      } finally {
        if (env !== undefined) {
          env.running--;
          env.settleLimits();
        }
      }
    } catch (error) {
      const exception = instance.getException();
      instance.deinstantiate();
      throw instantiateFailure(error, exception);
    } finally {
      this.instantiating = false;
    }
    this.instances.add(instance);
    return instance;
  }

  /** @internal */
  forget(instance: ModuleInstance): void {
    this.instances.delete(instance);
  }

  /** Deinstantiates what is left of this module's instances and gives the module's bytes back. */
  unload(): void {
    if (!this.loaded) return;
    for (const instance of [...this.instances]) instance.deinstantiate();
    this.loaded = false;
    this.account.close();
    this.runtime.forget(this);
  }
}

function instantiateFailure(error: unknown, exception: string | null): Error {
  if (error instanceof LinkError || error instanceof ResourceError) return error;
  if (error instanceof RangeError && !/call stack/i.test(error.message)) return new ResourceError();
  if (
    error instanceof RuntimeError ||
    error instanceof ExceptionInstance ||
    error instanceof ExceptionRaised ||
    exception !== null
  ) {
    return new WasmException(exception ?? EXCEPTION_PREFIX + exceptionMessageOf(error), { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
