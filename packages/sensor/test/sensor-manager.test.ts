import { ManualClock } from "@microwasm/app-framework";
import { AttrContainer } from "@microwasm/attr-container";
import { describe, expect, it } from "vitest";
import {
  type SensorInfo,
  SensorManager,
  type SensorProvider,
  SensorRegistrationError,
} from "../src/index.js";

/** A sensor that counts its reads and keeps the configurations it was given. */
function countingSensor(name: string, options: Partial<SensorProvider> = {}) {
  const configs: unknown[] = [];
  let reads = 0;
  const provider: SensorProvider = {
    name,
    read: () => new AttrContainer("reading").set("n", ++reads),
    config: (config) => {
      configs.push({ tag: config.tag, ...config.toJSON() });
      return true;
    },
    ...options,
  };
  return { provider, configs, reads: () => reads };
}

function setup(
  options: { lateMs?: number; onReadError?: (sensor: SensorInfo, error: unknown) => void } = {},
) {
  const manual = new ManualClock(0);
  // A clock whose timers fire `lateMs` after they are due, as a busy event loop's do.
  const clock = {
    now: () => manual.now(),
    schedule: (callback: () => void, delayMs: number) =>
      manual.schedule(callback, delayMs + (options.lateMs ?? 0)),
    cancel: (handle: unknown) => manual.cancel(handle),
  };
  const delivered: { app: string; id: number; n: unknown; at: number }[] = [];
  const manager = new SensorManager({
    clock,
    deliver: (app, id, reading) =>
      delivered.push({ app, id, n: AttrContainer.fromBytes(reading).get("n"), at: manual.now() }),
    ...(options.onReadError === undefined ? {} : { onReadError: options.onReadError }),
  });
  const count = (app: string, id?: number) =>
    delivered.filter((d) => d.app === app && (id === undefined || d.id === id)).length;
  return { manager, clock: manual, delivered, count };
}

describe("SensorManager", () => {
  it("numbers sensors from 1, finds them by name and instance, refuses duplicates and second opens", () => {
    const { manager } = setup();
    expect(manager.register(countingSensor("temp").provider)).toBe(1);
    expect(manager.register(countingSensor("temp", { instance: 1 }).provider)).toBe(2);
    expect(() => manager.register(countingSensor("temp").provider)).toThrow(SensorRegistrationError);
    expect(manager.open("a", "temp", 1)).toBe(2);
    expect(manager.open("a", "temp", 1)).toBeUndefined();
    expect(manager.open("b", "temp", 1)).toBe(2);
    expect(manager.open("a", "nosuch", 0)).toBeUndefined();
    expect(manager.open("a", "temp", 7)).toBeUndefined();
    expect(manager.list()[1]?.clients.map((c) => c.app)).toEqual(["b", "a"]);
  });

  it("reads at the smallest interval and gives each client a reading when its own interval has passed", () => {
    const { manager, clock, count } = setup();
    const sensor = countingSensor("temp");
    const id = manager.register(sensor.provider);
    manager.open("fast", "temp", 0);
    manager.open("slow", "temp", 0);
    expect(manager.config("fast", id, 1000, 0, 0)).toBe(true);
    expect(manager.config("slow", id, 5000, 0, 0)).toBe(true);
    expect(manager.list()[0]?.readIntervalMs).toBe(1000);
    clock.advance(10_000);
    expect(sensor.reads()).toBe(10);
    expect(count("fast")).toBe(10);
    expect(count("slow")).toBe(2);
  });

  it("interval 0 pauses only that client; with every client paused nothing is read", () => {
    const { manager, clock, count } = setup();
    const sensor = countingSensor("temp");
    const id = manager.register(sensor.provider);
    manager.open("a", "temp", 0);
    manager.open("b", "temp", 0);
    manager.config("a", id, 0, 0, 0);
    clock.advance(3000);
    expect([count("a"), count("b"), sensor.reads()]).toEqual([0, 3, 3]);
    manager.config("b", id, 0, 0, 0);
    clock.advance(3000);
    expect(sensor.reads()).toBe(3);
    expect(manager.list()[0]?.readIntervalMs).toBeUndefined();
    expect(clock.nextAt()).toBeUndefined();
    manager.config("a", id, 500, 0, 0);
    clock.advance(1000);
    expect([count("a"), sensor.reads()]).toEqual([2, 5]);
  });

  it("passes wasm_sensor_config's values to the provider as WAMR does; only a client may configure", () => {
    const { manager } = setup();
    const sensor = countingSensor("temp", { config: () => false });
    const configs: unknown[] = [];
    const provider = {
      ...sensor.provider,
      config: (c: AttrContainer) => {
        configs.push(c.toJSON());
        return false;
      },
    };
    const id = manager.register(provider);
    expect(manager.config("a", id, 100, 1, 2)).toBe(false);
    manager.open("a", "temp", 0);
    // The provider's refusal does not fail wasm_sensor_config (WAMR ignores it too).
    expect(manager.config("a", id, 100, 1, 2)).toBe(true);
    expect(configs).toEqual([{ interval: 100, bit_cfg: 1, delay: 2 }]);
    expect(manager.config("a", 99, 100, 1, 2)).toBe(false);
  });

  it("wasm_sensor_config_with_attr_container hands the app's container over, and refuses bad bytes", () => {
    const { manager } = setup();
    const sensor = countingSensor("temp");
    const id = manager.register(sensor.provider);
    const container = new AttrContainer("my config").set("range", 40).toBytes();
    expect(manager.configWith("a", id, container)).toBe(false);
    manager.open("a", "temp", 0);
    expect(manager.configWith("a", id, container)).toBe(true);
    expect(sensor.configs).toEqual([{ tag: "my config", range: 40 }]);
    expect(manager.configWith("a", id, container.subarray(0, 7))).toBe(false);
    expect(manager.configWith("a", id, new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff]))).toBe(false);
    const withoutConfig = manager.register({ name: "plain", read: () => undefined });
    manager.open("a", "plain", 0);
    expect(manager.configWith("a", withoutConfig, container)).toBe(false);
  });

  it("stops reading once the last client closes or its app goes", () => {
    const { manager, clock } = setup();
    const sensor = countingSensor("temp");
    const id = manager.register(sensor.provider);
    manager.open("a", "temp", 0);
    manager.open("b", "temp", 0);
    clock.advance(2000);
    expect(manager.close("a", id)).toBe(true);
    expect(manager.close("a", 42)).toBe(false);
    clock.advance(1000);
    expect(sensor.reads()).toBe(3);
    manager.removeApp("b");
    clock.advance(5000);
    expect(sensor.reads()).toBe(3);
    expect(manager.list()[0]?.clients).toEqual([]);
    expect(clock.nextAt()).toBeUndefined();
  });

  it("raises intervals below the floor, and keeps the rhythm when timers fire late", () => {
    const late = setup({ lateMs: 3 });
    const sensor = countingSensor("temp");
    const id = late.manager.register(sensor.provider);
    late.manager.open("a", "temp", 0);
    late.manager.config("a", id, 1000, 0, 0);
    late.clock.advance(10_003);
    // Each read is 3 ms late, but the next one is due a second after the last one was due.
    expect(sensor.reads()).toBe(10);
    late.manager.config("a", id, 1, 0, 0);
    expect(late.manager.list()[0]?.clients[0]?.intervalMs).toBe(10);
  });

  it("skips a reading that throws or is missing, and goes on", () => {
    const errors: string[] = [];
    const { manager, clock, count } = setup({
      onReadError: (sensor, error) => errors.push(`${sensor.name}: ${(error as Error).message}`),
    });
    let n = 0;
    manager.register({
      name: "flaky",
      read: () => {
        n++;
        if (n === 2) throw new Error("bus error");
        return n === 3 ? undefined : new AttrContainer().set("n", n);
      },
    });
    manager.open("a", "flaky", 0);
    clock.advance(4000);
    expect(errors).toEqual(["flaky: bus error"]);
    expect(count("a")).toBe(2);
  });

  it("a withdrawn sensor is no longer read or found", () => {
    const { manager, clock } = setup();
    const sensor = countingSensor("temp");
    const id = manager.register(sensor.provider);
    manager.open("a", "temp", 0);
    clock.advance(1000);
    expect(manager.unregister(id)).toBe(true);
    clock.advance(5000);
    expect(sensor.reads()).toBe(1);
    expect(manager.open("b", "temp", 0)).toBeUndefined();
    expect(manager.config("a", id, 10, 0, 0)).toBe(false);
  });
});
