import type { AppExtension, AppExtensionHost, Clock } from "@microwasm/app-framework";
import type { NativeSymbol } from "@microwasm/native";
import type { ExecEnv } from "@microwasm/runtime";
import { SensorManager } from "./sensor-manager.js";
import { sensorNatives } from "./sensor-natives.js";
import type { SensorInfo, SensorProvider } from "./sensor-provider.js";

export interface SensorExtensionOptions {
  /** Sensors offered from the start (`simulatedSensors()` gives WAMR's two sample ones). */
  readonly sensors?: readonly SensorProvider[];
  /** The shortest interval an app may ask for (default 10 ms). */
  readonly minIntervalMs?: number;
  /** A provider's `read` threw; that reading is skipped. */
  readonly onReadError?: (sensor: SensorInfo, error: unknown) => void;
}

/**
 * The sensor extension of an `AppManager`: `new AppManager({ extensions: [sensors] })`.
 * Sensors can be registered before or after the manager is made; readings are polled on the
 * manager's clock and queued to each client app's `on_sensor_event`, and an app that stops
 * loses its clients.
 */
export class SensorExtension implements AppExtension {
  readonly name = "sensor";
  private readonly manager: SensorManager;
  private host: AppExtensionHost | undefined;

  constructor(options: SensorExtensionOptions = {}) {
    // The manager's clock is the app manager's, known once this extension is plugged in.
    const clock: Clock = {
      now: () => this.bound().clock.now(),
      schedule: (callback, delayMs) => this.bound().clock.schedule(callback, delayMs),
      cancel: (handle) => this.bound().clock.cancel(handle),
    };
    this.manager = new SensorManager({
      clock,
      deliver: (app, id, reading) => void this.bound().post(app, "on_sensor_event", id, reading),
      ...(options.minIntervalMs === undefined ? {} : { minIntervalMs: options.minIntervalMs }),
      ...(options.onReadError === undefined ? {} : { onReadError: options.onReadError }),
    });
    for (const sensor of options.sensors ?? []) this.manager.register(sensor);
  }

  /** Offers another sensor to apps; returns its id. Throws `SensorRegistrationError` on a duplicate. */
  register(provider: SensorProvider): number {
    return this.manager.register(provider);
  }

  /** Withdraws a sensor; its clients get no more readings. */
  unregister(id: number): boolean {
    return this.manager.unregister(id);
  }

  /** The sensors with their clients and current read intervals. */
  list(): SensorInfo[] {
    return this.manager.list();
  }

  natives(host: AppExtensionHost): readonly NativeSymbol<ExecEnv>[] {
    if (this.host !== undefined && this.host !== host)
      throw new Error("a SensorExtension serves one AppManager; make one per manager");
    this.host = host;
    const manager = this.manager;
    return sensorNatives({
      appOf: (env) => host.appOf(env),
      open: (app, name, instance) => manager.open(app, name, instance),
      config: (app, id, interval, bitCfg, delay) => manager.config(app, id, interval, bitCfg, delay),
      configWith: (app, id, config) => manager.configWith(app, id, config),
      close: (app, id) => manager.close(app, id),
    });
  }

  appStopped(app: string): void {
    this.manager.removeApp(app);
  }

  close(): void {
    this.manager.dispose();
  }

  private bound(): AppExtensionHost {
    if (this.host === undefined) throw new Error("the SensorExtension is not plugged into an AppManager yet");
    return this.host;
  }
}

/** `new SensorExtension(options)`, for `new AppManager({ extensions: [sensorExtension(…)] })`. */
export function sensorExtension(options: SensorExtensionOptions = {}): SensorExtension {
  return new SensorExtension(options);
}
