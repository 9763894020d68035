import { CompileError as CoreCompileError } from "@microwasm/core";
import { validateWasm } from "@microwasm/engine";
import { Instance } from "./instance.js";
import { compiledModuleOf, compileSettingsOf, Module } from "./module.js";
import { type BufferSource, copyBufferSource } from "./webidl.js";

/** `WebAssembly.validate`: true when the bytes are a valid module; TypeError for a non-buffer. */
export function validate(this: unknown, bytes: BufferSource): boolean {
  const copy = copyBufferSource(bytes);
  try {
    validateWasm(copy, moduleClassOf(this)[compileSettingsOf]().features);
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
export function compile(this: unknown, bytes: BufferSource): Promise<Module> {
  let copy: Uint8Array;
  try {
    copy = copyBufferSource(bytes);
  } catch (e) {
    return Promise.reject(e);
  }
  const ModuleClass = moduleClassOf(this);
  return Promise.resolve().then(() => new ModuleClass(copy));
}

/**
 * The `Module` class of the namespace a function is called on (`this`): a namespace compiles
 * with its own features and tier; called plainly, the interpreter's `Module`.
 */
function moduleClassOf(self: unknown): typeof Module {
  const candidate =
    typeof self === "object" && self !== null ? (self as { Module?: unknown }).Module : undefined;
  return typeof candidate === "function" && candidate.prototype instanceof Module
    ? (candidate as typeof Module)
    : Module;
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
  this: unknown,
  source: BufferSource | Module,
  importObject?: object,
): Promise<WebAssemblyInstantiatedSource | Instance> {
  if (compiledModuleOf(source)) {
    return Promise.resolve().then(() => new Instance(source as Module, importObject));
  }
  return compile.call(this, source as BufferSource).then((module) => ({
    module,
    instance: new Instance(module, importObject),
  }));
}

/** What `compileStreaming` needs of a fetch `Response`. */
export interface ResponseLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}

export async function compileStreaming(
  this: unknown,
  source: ResponseLike | PromiseLike<ResponseLike>,
): Promise<Module> {
  const response = await source;
  return compile.call(this, await response.arrayBuffer());
}

export async function instantiateStreaming(
  this: unknown,
  source: ResponseLike | PromiseLike<ResponseLike>,
  importObject?: object,
): Promise<WebAssemblyInstantiatedSource> {
  const response = await source;
  return instantiate.call(
    this,
    await response.arrayBuffer(),
    importObject,
  ) as unknown as Promise<WebAssemblyInstantiatedSource>;
}
