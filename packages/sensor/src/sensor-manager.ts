import type { Clock } from "@microwasm/app-framework";
import { AttrContainer } from "@microwasm/attr-container";
import { SensorRegistrationError } from "./sensor-errors.js";
import type { SensorInfo, SensorProvider } from "./sensor-provider.js";

export interface SensorManagerOptions {
  readonly clock: Clock;
  /** Hands a reading (an attr_container's bytes) to an app's `on_sensor_event`. */
  readonly deliver: (app: string, sensorId: number, reading: Uint8Array) => void;
  /** The shortest interval an app may ask for (default 10 ms; a shorter one is raised to it). */
  readonly minIntervalMs?: number;
  /** A provider's `read` threw: that reading is skipped and polling goes on. */
  readonly onReadError?: (sensor: SensorInfo, error: unknown) => void;
}

export const DEFAULT_SENSOR_INTERVAL_MS = 1000;
export const DEFAULT_MIN_SENSOR_INTERVAL_MS = 10;

interface Client {
  readonly app: string;
  intervalMs: number;
  bitCfg: number;
  delay: number;
  /** When this client last got a reading (or opened the sensor). */
  lastDelivery: number;
}

interface Sensor {
  readonly id: number;
  readonly provider: SensorProvider;
  readonly instance: number;
  readonly defaultIntervalMs: number;
  /** Newest first, as WAMR keeps them. */
  readonly clients: Client[];
  /** When the last reading was due (the schedule's base, so late timers do not drift it). */
  lastRead: number;
  timer: unknown;
}

/**
 * WAMR's sensor manager (its `runtime_sensor.c`), with its weaknesses fixed:
 * - a sensor is read at the smallest interval among its clients that want readings, and each
 *   client gets a reading once its own interval has passed (WAMR hands every reading to every
 *   client, so a 5 s client of a sensor someone reads each second got one per second);
 * - a client that sets interval 0 pauses only itself (in WAMR it stopped the sensor for all);
 * - the next read is scheduled for the sensor that is due first (WAMR's thread slept until
 *   the latest one), and a sensor with no client that wants readings is not read at all;
 * - only an app that opened a sensor may configure it, and intervals have a floor.
 * Ids start at 1 in registration order; `0xFFFFFFFF` is never one.
 */
export class SensorManager {
  private readonly sensors = new Map<number, Sensor>();
  private readonly clock: Clock;
  private readonly deliver: SensorManagerOptions["deliver"];
  private readonly minIntervalMs: number;
  private readonly onReadError: SensorManagerOptions["onReadError"];
  private nextId = 1;

  constructor(options: SensorManagerOptions) {
    this.clock = options.clock;
    this.deliver = options.deliver;
    this.minIntervalMs = Math.max(1, options.minIntervalMs ?? DEFAULT_MIN_SENSOR_INTERVAL_MS);
    this.onReadError = options.onReadError;
  }

  /** Offers `provider` to apps; returns its sensor id. */
  register(provider: SensorProvider): number {
    const instance = provider.instance ?? 0;
    if (provider.name.length === 0) throw new SensorRegistrationError("a sensor needs a name");
    if (this.find(provider.name, instance) !== undefined)
      throw new SensorRegistrationError(`sensor ${provider.name} instance ${instance} is already registered`);
    const defaultIntervalMs = provider.defaultIntervalMs ?? DEFAULT_SENSOR_INTERVAL_MS;
    if (!Number.isFinite(defaultIntervalMs) || defaultIntervalMs < 0)
      throw new SensorRegistrationError(`sensor ${provider.name}: bad default interval ${defaultIntervalMs}`);
    const id = this.nextId++;
    this.sensors.set(id, {
      id,
      provider,
      instance,
      defaultIntervalMs,
      clients: [],
      lastRead: 0,
      timer: undefined,
    });
    return id;
  }

  /** Withdraws a sensor: its clients stop getting readings and their later calls fail. */
  unregister(id: number): boolean {
    const sensor = this.sensors.get(id);
    if (sensor === undefined) return false;
    this.stopTimer(sensor);
    this.sensors.delete(id);
    return true;
  }

  /** `wasm_sensor_open`: the sensor's id, or undefined (no such sensor, or `app` has it open already). */
  open(app: string, name: string, instance: number): number | undefined {
    const sensor = this.find(name, instance);
    if (sensor === undefined || this.client(sensor, app) !== undefined) return undefined;
    const wasIdle = this.readIntervalOf(sensor) === undefined;
    const now = this.clock.now();
    sensor.clients.unshift({
      app,
      intervalMs: this.floor(sensor.defaultIntervalMs),
      bitCfg: 0,
      delay: 0,
      lastDelivery: now,
    });
    if (wasIdle) sensor.lastRead = now;
    this.reschedule(sensor);
    return sensor.id;
  }

  /**
   * `wasm_sensor_config`: sets the app's interval (0 pauses its readings), bit_cfg and delay,
   * and passes them to the provider's `config` as WAMR does ("config sensor" with int keys
   * `interval`, `bit_cfg`, `delay`; the provider's answer does not matter here).
   */
  config(app: string, id: number, intervalMs: number, bitCfg: number, delay: number): boolean {
    const sensor = this.sensors.get(id);
    const client = sensor && this.client(sensor, app);
    if (sensor === undefined || client === undefined) return false;
    const wasIdle = this.readIntervalOf(sensor) === undefined;
    client.intervalMs = intervalMs === 0 ? 0 : this.floor(intervalMs);
    client.bitCfg = bitCfg;
    client.delay = delay;
    if (sensor.provider.config !== undefined) {
      const config = new AttrContainer("config sensor")
        .set("interval", intervalMs | 0, "int32")
        .set("bit_cfg", bitCfg | 0, "int32")
        .set("delay", delay | 0, "int32");
      this.callConfig(sensor, config);
    }
    if (wasIdle) {
      sensor.lastRead = this.clock.now();
      client.lastDelivery = sensor.lastRead;
    }
    this.reschedule(sensor);
    return true;
  }

  /** `wasm_sensor_config_with_attr_container`: the app's own container, straight to the provider. */
  configWith(app: string, id: number, config: Uint8Array): boolean {
    const sensor = this.sensors.get(id);
    if (sensor === undefined || this.client(sensor, app) === undefined) return false;
    if (sensor.provider.config === undefined) return false;
    let container: AttrContainer;
    try {
      container = AttrContainer.fromBytes(config);
    } catch {
      return false;
    }
    return this.callConfig(sensor, container);
  }

  /** `wasm_sensor_close`: true when the sensor exists (whether or not the app had it open, as in WAMR). */
  close(app: string, id: number): boolean {
    const sensor = this.sensors.get(id);
    if (sensor === undefined) return false;
    const at = sensor.clients.findIndex((c) => c.app === app);
    if (at >= 0) sensor.clients.splice(at, 1);
    this.reschedule(sensor);
    return true;
  }

  /** Drops every client `app` had (it was uninstalled or failed). */
  removeApp(app: string): void {
    for (const sensor of this.sensors.values()) {
      const at = sensor.clients.findIndex((c) => c.app === app);
      if (at < 0) continue;
      sensor.clients.splice(at, 1);
      this.reschedule(sensor);
    }
  }

  /** Every registered sensor, in registration order, with its clients. */
  list(): SensorInfo[] {
    return [...this.sensors.values()].map((sensor) => this.info(sensor));
  }

  /** Stops all polling (the sensors and their clients stay). */
  dispose(): void {
    for (const sensor of this.sensors.values()) this.stopTimer(sensor);
  }

  // ---- polling ----

  private readIntervalOf(sensor: Sensor): number | undefined {
    let interval: number | undefined;
    for (const client of sensor.clients)
      if (client.intervalMs > 0 && (interval === undefined || client.intervalMs < interval))
        interval = client.intervalMs;
    return interval;
  }

  private reschedule(sensor: Sensor): void {
    this.stopTimer(sensor);
    const interval = this.readIntervalOf(sensor);
    if (interval === undefined) return;
    const due = sensor.lastRead + interval;
    sensor.timer = this.clock.schedule(() => this.poll(sensor, due), due - this.clock.now());
  }

  private poll(sensor: Sensor, due: number): void {
    sensor.timer = undefined;
    const interval = this.readIntervalOf(sensor);
    if (interval === undefined || this.sensors.get(sensor.id) !== sensor) return;
    const now = this.clock.now();
    // Keep the rhythm of the schedule; after a stall, start again from now rather than catch up.
    sensor.lastRead = now - due >= interval ? now : due;
    // A client is due once its interval has passed, give or take half a read (timer jitter).
    const dueClients = sensor.clients.filter(
      (c) => c.intervalMs > 0 && now - c.lastDelivery >= c.intervalMs - interval / 2,
    );
    if (dueClients.length > 0) {
      let reading: AttrContainer | undefined;
      try {
        reading = sensor.provider.read();
      } catch (error) {
        this.onReadError?.(this.info(sensor), error);
      }
      if (reading !== undefined) {
        const bytes = reading.toBytes();
        for (const client of dueClients) {
          client.lastDelivery = now;
          this.deliver(client.app, sensor.id, bytes);
        }
      }
    }
    this.reschedule(sensor);
  }

  private stopTimer(sensor: Sensor): void {
    if (sensor.timer === undefined) return;
    this.clock.cancel(sensor.timer);
    sensor.timer = undefined;
  }

  // ---- helpers ----

  private find(name: string, instance: number): Sensor | undefined {
    for (const sensor of this.sensors.values())
      if (sensor.provider.name === name && sensor.instance === instance) return sensor;
    return undefined;
  }

  private client(sensor: Sensor, app: string): Client | undefined {
    return sensor.clients.find((c) => c.app === app);
  }

  private floor(intervalMs: number): number {
    return Math.max(this.minIntervalMs, intervalMs);
  }

  private callConfig(sensor: Sensor, config: AttrContainer): boolean {
    try {
      return sensor.provider.config?.(config) === true;
    } catch {
      return false;
    }
  }

  private info(sensor: Sensor): SensorInfo {
    return {
      id: sensor.id,
      name: sensor.provider.name,
      instance: sensor.instance,
      description: sensor.provider.description,
      readIntervalMs: this.readIntervalOf(sensor),
      clients: sensor.clients.map((c) => ({
        app: c.app,
        intervalMs: c.intervalMs,
        bitCfg: c.bitCfg,
        delay: c.delay,
      })),
    };
  }
}
