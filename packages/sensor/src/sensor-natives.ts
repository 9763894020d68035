import { appBoundNatives } from "@microwasm/app-framework";
import type { NativeSymbol } from "@microwasm/native";
import type { ExecEnv } from "@microwasm/runtime";

/** What the sensor natives need: the calling app, and the manager's operations for it. */
export interface SensorNativeHost {
  appOf(env: ExecEnv): string | undefined;
  open(app: string, name: string, instance: number): number | undefined;
  config(app: string, id: number, intervalMs: number, bitCfg: number, delay: number): boolean;
  configWith(app: string, id: number, config: Uint8Array): boolean;
  close(app: string, id: number): boolean;
}

/** WAMR's invalid handle, what `wasm_sensor_open` returns on failure. */
const INVALID_SENSOR = -1;

/** WAMR's sensor natives (`runtime_sensor.inl`) with its names and signature strings. */
export function sensorNatives(host: SensorNativeHost): NativeSymbol<ExecEnv>[] {
  // A call from an instance that is not a running app fails the way WAMR's API reports failure.
  const forApp = appBoundNatives((env) => host.appOf(env));
  return [
    {
      name: "wasm_sensor_open",
      signature: "($i)i",
      fn: forApp(INVALID_SENSOR, (app, name: string, instance: number) => {
        const id = host.open(app, name, instance);
        return id === undefined ? INVALID_SENSOR : id | 0;
      }),
    },
    {
      name: "wasm_sensor_config",
      signature: "(iiii)i",
      fn: forApp(0, (app, id: number, interval: number, bitCfg: number, delay: number) =>
        host.config(app, id >>> 0, interval >>> 0, bitCfg, delay >>> 0) ? 1 : 0,
      ),
    },
    {
      name: "wasm_sensor_config_with_attr_container",
      signature: "(i*~)i",
      fn: forApp(0, (app, id: number, config: Uint8Array) =>
        host.configWith(app, id >>> 0, config) ? 1 : 0,
      ),
    },
    {
      name: "wasm_sensor_close",
      signature: "(i)i",
      fn: forApp(0, (app, id: number) => (host.close(app, id >>> 0) ? 1 : 0)),
    },
  ];
}
