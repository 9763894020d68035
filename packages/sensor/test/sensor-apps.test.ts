import { join } from "node:path";
import { AttrContainer } from "@microwasm/attr-container";
import { describe, expect, it } from "vitest";
import { type SensorProvider, sensorExtension, simulatedSensors } from "../src/index.js";
import {
  buildApp,
  cToolchain,
  examplesDir,
  haveWamrSensorApp,
  noToolchainReason,
  noWamrAppsReason,
  testManager,
  wamrApp,
} from "./harness.js";

const dump = [
  "Attribute container dump:",
  "Tag: read test sensor data",
  "Attribute list:",
  "  key: name, type: string, value: read test sensor",
  "",
  "",
].join("\n");

if (!haveWamrSensorApp) console.warn(`WAMR sensor sample tests skipped: ${noWamrAppsReason}`);
if (!cToolchain) console.warn(`sensor apps built from C skipped: ${noToolchainReason}`);

describe.skipIf(!haveWamrSensorApp)(
  "WAMR's sensor sample (as WAMR's toolchain built it) under AppManager",
  () => {
    it("gets sensor_test1 each second and sensor_test2 every 5 s; uninstall removes its clients", async () => {
      const sensors = sensorExtension({ sensors: simulatedSensors() });
      const { manager, output, advance, clock } = testManager({ extensions: [sensors] });
      await manager.install("sensor", wamrApp("sensor"));
      expect(output("sensor")).toBe(
        "### app on_init 1\n### app on_init 2\n### app on_init 3\n### app on_init 4\n",
      );
      expect(sensors.list().map((s) => [s.name, s.readIntervalMs, s.clients.map((c) => c.app)])).toEqual([
        ["sensor_test1", 1000, ["sensor"]],
        ["sensor_test2", 5000, ["sensor"]],
      ]);
      await advance(999);
      expect(output("sensor")).toBe("");
      await advance(1);
      expect(output("sensor")).toBe(`### app get sensor event from sensor1\n${dump}`);
      await advance(4000);
      const printed = output("sensor");
      expect(printed.match(/from sensor1/g)).toHaveLength(4);
      expect(printed.match(/from sensor2/g)).toHaveLength(1);
      await manager.uninstall("sensor");
      expect(sensors.list().flatMap((s) => s.clients)).toEqual([]);
      expect(clock.nextAt()).toBeUndefined();
    });

    it("a failing sensor app loses its clients while another app's readings go on", async () => {
      const sensors = sensorExtension({ sensors: simulatedSensors() });
      const failures: string[] = [];
      const { manager, output, advance } = testManager({ extensions: [sensors] });
      manager.on("app-failed", ({ name }) => failures.push(name));
      await manager.install("sensor", wamrApp("sensor"));
      if (cToolchain)
        await manager.install("trap", buildApp(join(import.meta.dirname, "apps/sensor_trap.c")));
      await advance(1000);
      if (cToolchain) {
        expect(output("trap")).toBe("trapping now\n");
        expect(failures).toEqual(["trap"]);
        expect(manager.query().find((a) => a.name === "trap")?.state).toBe("failed");
      }
      expect(sensors.list()[0]?.clients.map((c) => c.app)).toEqual(["sensor"]);
      await advance(2000);
      expect(output("sensor").match(/from sensor1/g)).toHaveLength(3);
    });
  },
);

describe.skipIf(!cToolchain)("sensor apps built with microwasm-app-cc", () => {
  const example = buildApp.bind(null, join(examplesDir, "sensor.c"));

  it("examples/apps/sensor.c reads both simulated sensors and closes sensor_test1 after three readings", async () => {
    const sensors = sensorExtension({ sensors: simulatedSensors() });
    const { manager, output, advance } = testManager({ extensions: [sensors] });
    await manager.install("sensor", example());
    expect(output("sensor")).toBe("");
    await advance(5000);
    const reading = (name: string) =>
      `[${name}] reading tag "read test sensor data" name "read test sensor"\n`;
    expect(output("sensor")).toBe(
      `${reading("sensor1").repeat(2)}${reading("sensor1")}[sensor1] closed after 3 readings\n${reading("sensor2")}`,
    );
    expect(sensors.list().map((s) => s.clients.length)).toEqual([0, 1]);
  });

  it("a sensor of the embedder's own, registered after the manager was made, feeds the C app", async () => {
    const sensors = sensorExtension();
    const { manager, output, advance } = testManager({ extensions: [sensors] });
    const configs: unknown[] = [];
    let n = 0;
    const reading = (name: string): SensorProvider => ({
      name,
      defaultIntervalMs: 250,
      read: () => new AttrContainer("read test sensor data").set("name", `${name} #${++n}`),
      config: (config) => {
        configs.push({ sensor: name, tag: config.tag, ...config.toJSON() });
        return true;
      },
    });
    sensors.register(reading("sensor_test1"));
    sensors.register(reading("sensor_test2"));
    await manager.install("sensor", example());
    // The app configures sensor_test2 with its own container, then through wasm_sensor_config.
    expect(configs).toEqual([
      { sensor: "sensor_test1", tag: "config sensor", interval: 1000, bit_cfg: 0, delay: 0 },
      { sensor: "sensor_test2", tag: "config sensor", interval: 5000, bit_cfg: 0, delay: 0 },
      { sensor: "sensor_test2", tag: "config sensor", interval: 5000, bit_cfg: 0, delay: 0 },
    ]);
    await advance(3000);
    expect(output("sensor")).toBe(
      [
        '[sensor1] reading tag "read test sensor data" name "sensor_test1 #1"',
        '[sensor1] reading tag "read test sensor data" name "sensor_test1 #2"',
        '[sensor1] reading tag "read test sensor data" name "sensor_test1 #3"',
        "[sensor1] closed after 3 readings",
        "",
      ].join("\n"),
    );
  });

  it("an app that asks for a sensor nobody offers is told so", async () => {
    const { manager, output } = testManager({ extensions: [sensorExtension()] });
    await manager.install("sensor", example());
    expect(output("sensor")).toBe("sensor_test1 unavailable\nsensor_test2 unavailable\n");
  });
});
