import { existsSync } from "node:fs";
import { join } from "node:path";
import { AttrContainer } from "@microwasm/attr-container";
import { describe, expect, it } from "vitest";
import { sensorExtension, simulatedSensors } from "../src/index.js";
import { buildApp, cToolchain, testManager } from "./harness.js";

// WAMR's seven sample app sources (samples/simple/wasm-apps), unchanged, built with
// microwasm-app-cc and run under AppManager with the sensor extension: the behaviour the fact
// sheet (§5.3) records from WAMR. WAMR's sources are not in this repository: point
// MICROWASM_WAMR_AF_DIR at a checkout of bytecodealliance/wamr-app-framework to run it.
const afDir = process.env["MICROWASM_WAMR_AF_DIR"] ?? "";
const samples = join(afDir, "samples/simple/wasm-apps");
const available = afDir !== "" && existsSync(join(samples, "sensor.c")) && cToolchain;
if (!available)
  console.warn(
    "WAMR sample sources skipped: set MICROWASM_WAMR_AF_DIR to a wamr-app-framework checkout (and install clang, lld)",
  );

describe.skipIf(!available)("WAMR's sample sources built with microwasm-app-cc", () => {
  const sample = (name: string) => buildApp(join(samples, `${name}.c`));
  const setup = () => {
    const sensors = sensorExtension({ sensors: simulatedSensors() });
    return { sensors, ...testManager({ extensions: [sensors] }) };
  };

  it("request_handler answers /url1 by app name and by URL; request_sender gets mid 1 and 2 back", async () => {
    const { manager, output } = setup();
    await manager.install("request_handler", sample("request_handler"));
    for (const url of ["/app/request_handler/url1", "/url1"]) {
      const response = await manager.request({ url, action: "GET" });
      expect(response.status).toBe(69);
      const payload = AttrContainer.fromBytes(response.payload);
      expect([payload.tag, payload.toJSON()]).toEqual([
        "wasm app response payload",
        { key1: "value1", key2: "value2" },
      ]);
    }
    expect(output("request_handler")).toBe("[resp] ### user resource 1 handler called\n".repeat(2));
    await manager.install("request_sender", sample("request_sender"));
    await manager.settle();
    const printed = output("request_sender");
    expect(printed).toMatch(
      /mid:1, status:69, fmt:99, payload:0x[0-9a-f]+, len:134, tag:a request to target app/,
    );
    expect(printed).toMatch(/mid:2, status:69, fmt:99, payload:0x[0-9a-f]+, len:134, tag:a general request/);
  });

  it("timer, event_publisher and event_subscriber keep WAMR's rhythm", async () => {
    const { manager, output, advance } = setup();
    const events: string[] = [];
    manager.subscribe("/alert/overheat", (event) =>
      events.push(JSON.stringify(AttrContainer.fromBytes(event.payload).toJSON())),
    );
    await manager.install("timer", sample("timer"));
    await manager.install("event_publisher", sample("event_publisher"));
    await manager.install("event_subscriber", sample("event_subscriber"));
    await advance(3000);
    expect(output("timer")).toBe("Timer update 0\nTimer update 1\nTimer update 2\n");
    expect(events).toEqual(Array(3).fill('{"warning":"temperature is over high"}'));
    expect(output("event_subscriber").match(/### user over heat event handler called/g)).toHaveLength(3);
  });

  it("sensor reads sensor_test1 each second and sensor_test2 every 5 s", async () => {
    const { manager, output, advance, sensors } = setup();
    await manager.install("sensor", sample("sensor"));
    expect(output("sensor")).toBe(
      "### app on_init 1\n### app on_init 2\n### app on_init 3\n### app on_init 4\n",
    );
    await advance(5000);
    const printed = output("sensor");
    expect(printed.match(/### app get sensor event from sensor1/g)).toHaveLength(5);
    expect(printed.match(/### app get sensor event from sensor2/g)).toHaveLength(1);
    await manager.uninstall("sensor");
    expect(sensors.list().flatMap((s) => s.clients)).toEqual([]);
  });

  it("connection says it cannot connect when nothing may be reached", async () => {
    const { manager, output } = setup();
    await manager.install("connection", sample("connection"));
    expect(output("connection")).toContain("connect to server fail!");
  });
});
