import {
  CompileError as CoreCompileError,
  LinkError as CoreLinkError,
  RuntimeError as CoreRuntimeError,
} from "@microwasm/core";

/**
 * The JS API's error classes. Every layer of microwasm throws the core classes (which carry the
 * spec's reason, byte offsets and trap kinds); these subclasses add the JS API's constructor
 * `(message?, options?)` and answer `instanceof` for any core error of their kind, so
 * `e instanceof WebAssembly.RuntimeError` holds for a trap thrown deep in the interpreter.
 */

export class CompileError extends CoreCompileError {
  constructor(message?: string, options?: ErrorOptions) {
    super(message === undefined ? "" : String(message), "malformed");
    setCause(this, options);
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof CoreCompileError;
  }
}

export class LinkError extends CoreLinkError {
  constructor(message?: string, options?: ErrorOptions) {
    super(message === undefined ? "" : String(message));
    setCause(this, options);
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof CoreLinkError;
  }
}

export class RuntimeError extends CoreRuntimeError {
  constructor(message?: string, options?: ErrorOptions) {
    // A RuntimeError made by JS code has no trap of its own; "hostError" is the closest kind.
    super("hostError");
    this.message = message === undefined ? "" : String(message);
    setCause(this, options);
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof CoreRuntimeError;
  }
}

for (const [cls, name] of [
  [CompileError, "CompileError"],
  [LinkError, "LinkError"],
  [RuntimeError, "RuntimeError"],
] as const) {
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
}

function setCause(error: Error, options: ErrorOptions | undefined): void {
  if (options !== null && typeof options === "object" && "cause" in options) {
    Object.defineProperty(error, "cause", { value: options.cause, writable: true, configurable: true });
  }
}
