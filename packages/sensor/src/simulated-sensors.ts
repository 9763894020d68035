import { AttrContainer } from "@microwasm/attr-container";
import type { SensorProvider } from "./sensor-provider.js";

/** One of the sample platform's sensors: every reading is the same container, and configuring fails. */
function sampleSensor(name: string): SensorProvider {
  return {
    name,
    instance: 0,
    description: "simulated test sensor",
    defaultIntervalMs: 1000,
    read: () => new AttrContainer("read test sensor data").set("name", "read test sensor"),
    config: () => false,
  };
}

/**
 * WAMR's two sample sensors (its `samples/simple` platform): `sensor_test1` and
 * `sensor_test2`, instance 0, read every 1000 ms unless configured, each reading tagged
 * "read test sensor data" with `name` = "read test sensor"; their config callback says no.
 * Enough to run WAMR's sensor sample unchanged.
 */
export function simulatedSensors(): SensorProvider[] {
  return [sampleSensor("sensor_test1"), sampleSensor("sensor_test2")];
}
