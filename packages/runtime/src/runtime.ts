import { MemoryPool, PoolAccount } from "@microwasm/allocator";
import { type Features, wasm3Features } from "@microwasm/core";
import { type AotTier, compileWasm, type FunctionFactorySource } from "@microwasm/engine";
import { NativeRegistry, type NativeSymbol, type RawNativeSymbol } from "@microwasm/native";
import { compiledCodeBytes, moduleStructureBytes } from "./cost-estimates.js";
import { ResourceError, RuntimeOptionsError } from "./errors.js";
import type { ExecEnv } from "./exec-env.js";
import { LoadedModule } from "./loaded-module.js";
import { portableHost, type RuntimeHost } from "./runtime-host.js";
import { checkRuntimeOptions, type RuntimeOptions } from "./runtime-options.js";

/** No depth of its own by default: an exec env's stack size bounds it, as in WAMR. */
const DEFAULT_MAX_CALL_DEPTH = 1 << 24;

/**
 * The runtime (WAMR's global runtime, as an object): its memory pool, its natives and its
 * registered modules. Everything it allocates for modules draws from `pool`.
 */
/** How `Runtime.load` compiles a module. */
export interface LoadOptions {
  readonly precompiled?: readonly (FunctionFactorySource | null)[];
}

export class Runtime {
  readonly pool: MemoryPool;
  readonly maxCallDepth: number;
  /** The WebAssembly features modules may use. */
  readonly features: Features;
  /** The tier that runs modules (`RuntimeOptions.engine`). */
  readonly engine: "interpreter" | "aot" | "auto";
  /** The AOT tier, when the runtime was given it (`RuntimeOptions.aot`). */
  readonly aot: AotTier | undefined;
  /** @internal how instances reach the host (their WASI). */
  readonly host: RuntimeHost;
  /** @internal */ readonly natives = new NativeRegistry<ExecEnv>();
  private readonly modules = new Set<LoadedModule>();
  private readonly registered = new Map<string, LoadedModule>();
  private destroyed = false;

  /** Throws `RuntimeOptionsError` for bad options, `NativeSymbolError` for a bad native symbol. */
  constructor(options: RuntimeOptions = {}) {
    const checked = checkRuntimeOptions(options);
    this.pool = checked.allocator === "pool" ? new MemoryPool(checked.poolSize!) : MemoryPool.system();
    this.maxCallDepth = checked.maxCallDepth ?? DEFAULT_MAX_CALL_DEPTH;
    this.features = checked.features ?? wasm3Features;
    this.engine = checked.engine ?? "interpreter";
    this.aot = options.aot;
    if (this.engine === "aot" && this.aot === undefined)
      throw new RuntimeOptionsError('engine "aot" needs the AOT tier: pass `aot: aotTier`');
    this.host = options.host ?? portableHost;
    if (options.nativeSymbols !== undefined) {
      this.natives.register(options.nativeModuleName ?? "env", options.nativeSymbols);
    }
  }

  /** Registers natives under a module name (`env` or any other); several sets per module. Throws `NativeSymbolError`. */
  registerNatives(moduleName: string, symbols: readonly NativeSymbol<ExecEnv>[]): void {
    this.natives.register(moduleName, symbols);
  }

  /** Registers natives on the raw convention (argument cells untouched). */
  registerNativesRaw(moduleName: string, symbols: readonly RawNativeSymbol<ExecEnv>[]): void {
    this.natives.registerRaw(moduleName, symbols);
  }

  /** Removes the set registered with this very array (instances already linked keep it). */
  unregisterNatives(moduleName: string, symbols: readonly unknown[]): boolean {
    return this.natives.unregister(moduleName, symbols);
  }

  /**
   * Parses, validates and compiles a copy of `bytes`, drawing the copy, the decoded module and
   * the compiled code from the pool. Throws `CompileError` (malformed or invalid, with the
   * spec's reason) or `ResourceError` ("allocate memory failed"). `options.precompiled`: the
   * module's functions compiled ahead of time (`LoadedModule.precompiledSource`, evaluated, e.g.
   * imported from the ES module `microwasm compile` writes): they run in the AOT tier without
   * generating code (for hosts that forbid it).
   */
  load(bytes: Uint8Array, options: LoadOptions = {}): LoadedModule {
    if (this.destroyed) throw new ResourceError("the runtime was destroyed");
    // Any realm's Uint8Array (a worker's, an iframe's, a vm context's), not only this one's.
    if (!(ArrayBuffer.isView(bytes) && Object.prototype.toString.call(bytes) === "[object Uint8Array]"))
      throw new RuntimeOptionsError("load needs the module's bytes as a Uint8Array");
    const account = new PoolAccount(this.pool);
    try {
      if (!account.reserve(bytes.length)) throw new ResourceError();
      const compiled = compileWasm(bytes.slice(), {
        features: this.features,
        engine: this.engine,
        ...(this.aot === undefined ? {} : { aot: this.aot }),
        ...(options.precompiled === undefined ? {} : { precompiled: options.precompiled }),
        afterDecode: (module) => {
          if (!account.reserve(moduleStructureBytes(module))) throw new ResourceError();
        },
      });
      if (!account.reserve(compiledCodeBytes(compiled))) throw new ResourceError();
      const loaded = new LoadedModule(this, compiled, account);
      this.modules.add(loaded);
      return loaded;
    } catch (error) {
      account.close();
      if (error instanceof RangeError && !/call stack/i.test(error.message)) throw new ResourceError();
      throw error;
    }
  }

  /**
   * Makes `module` satisfy imports from module name `name` (WAMR's `wasm_runtime_register_module`):
   * each instance that imports from it gets its own instance of it.
   */
  registerModule(name: string, module: LoadedModule): void {
    if (!module.isLoaded || module.runtime !== this)
      throw new RuntimeOptionsError("register a module loaded by this runtime");
    if (this.registered.has(name))
      throw new RuntimeOptionsError(`a module is already registered as "${name}"`);
    this.registered.set(name, module);
  }

  registeredModule(name: string): LoadedModule | undefined {
    return this.registered.get(name);
  }

  /** @internal */
  forget(module: LoadedModule): void {
    this.modules.delete(module);
    for (const [name, m] of this.registered) if (m === module) this.registered.delete(name);
  }

  /** Unloads every module (deinstantiating their instances): the pool is back to empty. */
  destroy(): void {
    for (const module of [...this.modules]) module.unload();
    this.destroyed = true;
  }
}
