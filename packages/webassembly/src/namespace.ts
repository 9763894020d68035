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

/**
 * `WebAssembly.compile`. The bytes are copied now; compiling happens in a later microtask (on
 * this thread: the interpreter has no background compiler).
 */
export function compile(bytes: BufferSource): Promise<Module> {
  let copy: Uint8Array;
  try {
    copy = copyBufferSource(bytes);
  } catch (e) {
    return Promise.reject(e);
  }
  return Promise.resolve().then(() => new Module(copy));
}

export interface WebAssemblyInstantiatedSource {
  readonly module: Module;
  readonly instance: Instance;
}

/**
 * `WebAssembly.instantiate`: from bytes it resolves to `{ module, instance }`, from a `Module`
 * to the `Instance`.
 */
export function instantiate(
  bytes: BufferSource,
  importObject?: object,
): Promise<WebAssemblyInstantiatedSource>;
export function instantiate(module: Module, importObject?: object): Promise<Instance>;
export function instantiate(
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

/** What `compileStreaming` needs of a fetch `Response`. */
export interface ResponseLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}

export async function compileStreaming(source: ResponseLike | PromiseLike<ResponseLike>): Promise<Module> {
  const response = await source;
  return compile(await response.arrayBuffer());
}

export async function instantiateStreaming(
  source: ResponseLike | PromiseLike<ResponseLike>,
  importObject?: object,
): Promise<WebAssemblyInstantiatedSource> {
  const response = await source;
  return instantiate(await response.arrayBuffer(), importObject);
}
