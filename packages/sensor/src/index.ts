/**
 * @microwasm/sensor: WAMR's sensor extension for the app framework.
 *
 * - `sensorExtension({ sensors, minIntervalMs, onReadError })` → `SensorExtension`, given to
 *   `new AppManager({ extensions: [...] })`: the natives `wasm_sensor_open`,
 *   `wasm_sensor_config`, `wasm_sensor_config_with_attr_container`, `wasm_sensor_close`;
 *   readings delivered to the apps' `on_sensor_event`; `register`/`unregister`/`list`.
 * - `SensorProvider`: a sensor of your own (`read()` → `AttrContainer`, `config(container)`).
 * - `simulatedSensors()`: WAMR's sample `sensor_test1` and `sensor_test2`.
 * - `SensorManager`: the polling and client bookkeeping alone, on any `Clock`.
 */

export { SensorRegistrationError } from "./sensor-errors.js";
export { SensorExtension, type SensorExtensionOptions, sensorExtension } from "./sensor-extension.js";
export {
  DEFAULT_MIN_SENSOR_INTERVAL_MS,
  DEFAULT_SENSOR_INTERVAL_MS,
  SensorManager,
  type SensorManagerOptions,
} from "./sensor-manager.js";
export { type SensorNativeHost, sensorNatives } from "./sensor-natives.js";
export type { SensorClientInfo, SensorInfo, SensorProvider } from "./sensor-provider.js";
export { simulatedSensors } from "./simulated-sensors.js";
