/**
 * The idiomatic face's errors. (The WAMR face never throws: it returns a falsy value and the
 * message, in an `error_buf` or as the instance's exception.)
 */

/** The memory pool (or the host) could not provide the bytes an operation needed. WAMR's wording. */
export class ResourceError extends Error {
  override name = "ResourceError";
  constructor(message = "allocate memory failed") {
    super(message);
  }
}

/** A call that ended with the instance's exception set; `message` is WAMR's "Exception: ..." text. */
export class WasmException extends Error {
  override name = "WasmException";
}

/** Options or arguments that do not follow the API's rules (checked with zod). */
export class RuntimeOptionsError extends Error {
  override name = "RuntimeOptionsError";
}

/** @internal Unwinds the interpreter after a native set the instance's exception. */
export class ExceptionRaised extends Error {
  override name = "ExceptionRaised";
}
