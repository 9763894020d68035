/**
 * @microwasm/daemon: microwasmd as a library, for embedders that start it in their own process.
 *
 * - `new Daemon(options, logger, extras?)`: `start()` (restores saved apps, opens TCP, UART,
 *   MQTT), `stop()`; `manager` (the `AppManager`), `service` (the `HostLinkService`), `port`.
 * - `DEFAULT_OPTIONS`, `mergeOptions(configFile, flags)`, `parseConfigFile(text, name)`
 *   (zod-checked), `createLogger(level)` (pino on stderr).
 */

export { AppStore, type SavedApp } from "./app-store.js";
export { Daemon, type ManagerExtras } from "./daemon.js";
export {
  type ConfigFile,
  type DaemonOptions,
  DEFAULT_OPTIONS,
  LOG_LEVELS,
  type MqttOptions,
  mergeOptions,
  parseConfigFile,
} from "./daemon-options.js";
export { createLogger, type Logger } from "./logger.js";
export { VERSION } from "./version.js";
