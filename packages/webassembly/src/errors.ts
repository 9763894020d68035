import {
  CompileError as CoreCompileError,
  LinkError as CoreLinkError,
  RuntimeError as CoreRuntimeError,
} from "@microwasm/core";

/**
 * The JS API's error constructors. Every layer of microwasm throws the core classes (which carry
 * the spec's reason, byte offsets and trap kinds); these constructors add the JS API's signature
 * `(message?, options?)` and share the core class's prototype, so `e instanceof
 * WebAssembly.RuntimeError` holds for a trap thrown deep in the interpreter through the
 * prototype chain alone: engines that ignore `Symbol.hasInstance` (Hermes) agree. They are
 * constructor functions, not classes, because a class's `prototype` cannot be set; they can
 * still be subclassed. (`prototype.constructor` is therefore the core class.)
 */
export interface JsApiErrorConstructor<E extends Error> {
  new (message?: string, options?: ErrorOptions): E;
  readonly prototype: E;
}

function jsApiError<E extends Error>(
  name: string,
  core: { readonly prototype: E },
  create: (message: string) => E,
): JsApiErrorConstructor<E> {
  const errorConstructor = function (this: unknown, message?: string, options?: ErrorOptions): E {
    if (!(this instanceof errorConstructor))
      throw new TypeError(`Constructor WebAssembly.${name} requires 'new'`);
    const error = create(message === undefined ? "" : String(message));
    // A subclass's `new` made `this` from its own prototype: the error takes that prototype.
    const prototype = Object.getPrototypeOf(this) as object;
    if (prototype !== core.prototype) Object.setPrototypeOf(error, prototype);
    if (options !== null && typeof options === "object" && "cause" in options) {
      Object.defineProperty(error, "cause", { value: options.cause, writable: true, configurable: true });
    }
    return error;
  };
  Object.defineProperty(errorConstructor, "name", { value: name });
  errorConstructor.prototype = core.prototype;
  return errorConstructor as unknown as JsApiErrorConstructor<E>;
}

export type CompileError = CoreCompileError;
export const CompileError = jsApiError(
  "CompileError",
  CoreCompileError,
  (message) => new CoreCompileError(message, "malformed"),
);

export type LinkError = CoreLinkError;
export const LinkError = jsApiError("LinkError", CoreLinkError, (message) => new CoreLinkError(message));

export type RuntimeError = CoreRuntimeError;
export const RuntimeError = jsApiError("RuntimeError", CoreRuntimeError, (message) => {
  // A RuntimeError made by JS code has no trap of its own; "hostError" is the closest kind.
  const error = new CoreRuntimeError("hostError");
  error.message = message;
  return error;
});
