import { errnoDescriptions, errnoForHostCode } from "./errno.js";

/**
 * A WASI call's failure: the errno the call returns to the guest. Filesystem backends and
 * streams throw it; the import functions catch it and return `errno`.
 */
export class WasiError extends Error {
  override name = "WasiError";
  constructor(
    readonly errno: number,
    detail?: string,
  ) {
    super(detail === undefined ? errnoDescriptions[errno] : `${errnoDescriptions[errno]} ${detail}`);
  }
}

/**
 * The errno for anything a host call threw: a `WasiError`'s own, a Node system error's by its
 * code, `undefined` for everything else (a programming error, which propagates).
 */
export function errnoOf(error: unknown): number | undefined {
  if (error instanceof WasiError) return error.errno;
  if (error instanceof Error && typeof (error as { code?: unknown }).code === "string") {
    const code = (error as unknown as { code: string }).code;
    // Any other host system error (not Node's own ERR_ validation codes) is an I/O error.
    return errnoForHostCode(code) ?? (/^E[A-Z0-9]+$/.test(code) ? errnoForHostCode("EIO") : undefined);
  }
  return undefined;
}
