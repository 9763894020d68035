/** Why an install, uninstall or request was refused. */
export class AppManagerError extends Error {
  override readonly name: string = "AppManagerError";
}

/** An install that failed: bad name or options, a limit reached, a module that does not load or whose on_init fails. */
export class AppInstallError extends AppManagerError {
  override readonly name = "AppInstallError";
}

/** No app installed under that name. */
export class AppNotFoundError extends AppManagerError {
  override readonly name = "AppNotFoundError";
}

/** A request whose response did not come within its transaction timeout. */
export class TransactionTimeoutError extends AppManagerError {
  override readonly name = "TransactionTimeoutError";
}
