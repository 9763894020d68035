import { CompileError as CoreCompileError } from "@microwasm/core";
import { validateWasm } from "@microwasm/engine";
import { Instance } from "./instance.js";
import { compiledModuleOf, features, Module } from "./module.js";
import { type BufferSource, copyBufferSource } from "./webidl.js";

/** `WebAssembly.validate`: true when the bytes are a valid module; TypeError for a non-buffer. */
export function validate(bytes: BufferSource): boolean {
  const copy = copyBufferSource(bytes);
  try {
    validateWasm(copy, features);
    return true;
  } catch (e) {
    if (e instanceof CoreCompileError) return false;
    throw e;
  }
}

export interface WebAssemblyInstantiatedSource {
  readonly module: Module;
  readonly instance: Instance;
}

/** What `compileStreaming` needs of a fetch `Response`. */
export interface ResponseLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}

type ModuleConstructor = new (bytes: BufferSource) => Module;

/**
 * `WebAssembly.compile`. The bytes are copied now; compiling happens in a later microtask (on
 * this thread: the interpreter has no background compiler).
 */
function compileWith(ModuleClass: ModuleConstructor, bytes: BufferSource): Promise<Module> {
  let copy: Uint8Array;
  try {
    copy = copyBufferSource(bytes);
  } catch (e) {
    return Promise.reject(e);
  }
  return Promise.resolve().then(() => new ModuleClass(copy));
}

/** The JS API's compile and instantiate functions, compiling with `ModuleClass` (its tier). */
export function namespaceFunctions(ModuleClass: ModuleConstructor) {
  const compile = (bytes: BufferSource): Promise<Module> => compileWith(ModuleClass, bytes);
  /**
   * `WebAssembly.instantiate`: from bytes it resolves to `{ module, instance }`, from a `Module`
   * to the `Instance`.
   */
  function instantiate(bytes: BufferSource, importObject?: object): Promise<WebAssemblyInstantiatedSource>;
  function instantiate(module: Module, importObject?: object): Promise<Instance>;
  function instantiate(
    source: BufferSource | Module,
    importObject?: object,
  ): Promise<WebAssemblyInstantiatedSource | Instance> {
    if (compiledModuleOf(source)) {
      return Promise.resolve().then(() => new Instance(source as Module, importObject));
    }
    return compile(source as BufferSource).then((module) => ({
      module,
      instance: new Instance(module, importObject),
    }));
  }
  async function compileStreaming(source: ResponseLike | PromiseLike<ResponseLike>): Promise<Module> {
    const response = await source;
    return compile(await response.arrayBuffer());
  }
  async function instantiateStreaming(
    source: ResponseLike | PromiseLike<ResponseLike>,
    importObject?: object,
  ): Promise<WebAssemblyInstantiatedSource> {
    const response = await source;
    return instantiate(await response.arrayBuffer(), importObject);
  }
  return { compile, instantiate, compileStreaming, instantiateStreaming };
}

const defaults = namespaceFunctions(Module);
/**
 * `WebAssembly.compile`. The bytes are copied now; compiling happens in a later microtask (on
 * this thread: there is no background compiler).
 */
export const compile = defaults.compile;
/** `WebAssembly.instantiate`: from bytes `{ module, instance }`, from a `Module` the `Instance`. */
export const instantiate = defaults.instantiate;
export const compileStreaming = defaults.compileStreaming;
export const instantiateStreaming = defaults.instantiateStreaming;
