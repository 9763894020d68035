/** A user mistake (bad option, unknown function, unreadable file): printed as one line, exit code 1. */
export class UsageError extends Error {
  override name = "UsageError";
}
