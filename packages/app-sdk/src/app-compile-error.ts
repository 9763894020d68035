/** Why `compileApp` failed. */
export const AppCompileFailure = {
  /** clang (or wasm-ld, which it runs to link) is not installed. */
  toolchainMissing: "toolchain missing",
  /** clang rejected a source file. */
  compileFailed: "compile failed",
  /** wasm-ld could not link the app (an undefined symbol, memory too small, ...). */
  linkFailed: "link failed",
  /** The options make no app (no sources, no output, a bad number). */
  badOptions: "bad options",
} as const;
export type AppCompileFailure = (typeof AppCompileFailure)[keyof typeof AppCompileFailure];

export class AppCompileError extends Error {
  override name = "AppCompileError";
  constructor(
    readonly failure: AppCompileFailure,
    detail: string,
  ) {
    super(`${failure}: ${detail}`);
  }
}

/** What to install when the toolchain is missing, on Debian and Ubuntu. */
export const TOOLCHAIN_PACKAGES = "clang lld";
