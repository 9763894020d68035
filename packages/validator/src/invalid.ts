/**
 * The validator's internal failure. Code deep in the stacks throws it without knowing where it
 * is in the module; the function or expression being validated catches it and rethrows a
 * `CompileError` carrying the byte offset of the offending instruction. Only the failure path
 * allocates.
 */
export class Invalid extends Error {
  constructor(
    /** The spec's wording, e.g. "type mismatch" or "unknown local 3". */
    readonly reason: string,
    readonly detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
  }
}

export function fail(reason: string, detail?: string): never {
  throw new Invalid(reason, detail);
}

/** The reference interpreter's wording for a bad index, e.g. "unknown memory 0". */
export function failUnknown(category: string, index: number): never {
  throw new Invalid(`unknown ${category} ${index >>> 0}`);
}
