/**
 * The guest's run ended by something the runtime decided (a call to an unlinked import, a
 * stack overflow reported by instrumentation). The CLI prints it as `Exception: <message>`,
 * like a trap.
 */
export class GuestAbortError extends Error {
  override name = "GuestAbortError";
}

/** Calling an import nothing provided: WAMR's wording. */
export class UnlinkedImportError extends GuestAbortError {
  override name = "UnlinkedImportError";
  constructor(moduleName: string, name: string) {
    super(`failed to call unlinked import function (${moduleName}, ${name})`);
  }
}
