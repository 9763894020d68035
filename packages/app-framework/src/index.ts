/**
 * @microwasm/app-framework: WAMR's app framework, app side and host side, without a transport.
 *
 * - `new AppManager({ runtime?, clock?, limits?, stdout? })`: `await install(name, bytes,
 *   { heapSize, maxTimers, watchdogMs, fuel })` (`AppInstallError`), `await uninstall(name)`
 *   (`AppNotFoundError`), `query()`, `await request({ url, action, payload?, fmt? })` →
 *   `{ status, fmt, payload }` (`TransactionTimeoutError`), `publish(url, payload, fmt)`,
 *   `subscribe(url, listener)`, `on("event" | "app-failed", listener)`, `settle()`, `close()`.
 * - `appNatives(host)`: the natives WAMR exports to apps (`wasm_register_resource`, …);
 *   `connectionNatives(host)`: `wasm_open_connection` and the rest, opened through the
 *   manager's `connections` option (`ConnectionOpener`; without it every open is refused).
 * - Packets in WAMR's layout: `packRequest`/`unpackRequest`, `packResponse`/`unpackResponse`;
 *   `urlMatches` (WAMR's prefix rule); codes `Action`, `Status`, `Format`, `ID_HOST`.
 * - `AppExtension`: a framework extension (the `sensor` package is one) given to the manager's
 *   `extensions` option: its natives join "env", it posts buffers to apps' entry points and
 *   hears when an app stops; `appBoundNatives(appOf)` binds a native's body to its calling app.
 * - `Clock`, `systemClock`, `ManualClock` (tests: timers fire on `advance(ms)`).
 */

export { appBoundNatives } from "./app-bound-native.js";
export { AppInstallError, AppManagerError, AppNotFoundError, TransactionTimeoutError } from "./app-errors.js";
export type { AppExtension, AppExtensionHost, BufferEntryName } from "./app-extension.js";
export {
  type AppLimits,
  DEFAULT_HEAP_SIZE,
  DEFAULT_LIMITS,
  DEFAULT_TIMERS_PER_APP,
  DEFAULT_WATCHDOG_MS,
} from "./app-limits.js";
export {
  type AppEvent,
  type AppFailure,
  type AppInfo,
  AppManager,
  type AppManagerOptions,
  type HostRequest,
  type HostResponse,
  type InstallOptions,
} from "./app-manager.js";
export { type AppNativeHost, appNatives } from "./app-natives.js";
export { AppTimers } from "./app-timers.js";
export { type Clock, ManualClock, systemClock } from "./clock.js";
export { Action, type ActionName, Format, ID_APP_MGR, ID_HOST, ID_NONE, Status } from "./codes.js";
export { type ConnectionNativeHost, connectionNatives } from "./connection-natives.js";
export type { AppConnection, ConnectionOpener, ConnectionRequest, ConnectionSink } from "./connections.js";
export type { AppMessage, AppState, EntryName, InstalledApp } from "./installed-app.js";
export { packRequest, type RequestPacket, unpackRequest } from "./request-packet.js";
export { packResponse, type ResponsePacket, unpackResponse } from "./response-packet.js";
export { urlMatches } from "./url-match.js";
