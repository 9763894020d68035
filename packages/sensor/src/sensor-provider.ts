import type { AttrContainer } from "@microwasm/attr-container";

/**
 * A sensor the platform offers apps (WAMR's `add_sys_sensor`): apps find it by name and
 * instance; the manager calls `read` when a reading is due and hands `config` what an app
 * asked for (WAMR's "config sensor" container with `interval`, `bit_cfg` and `delay`, or the
 * app's own container).
 */
export interface SensorProvider {
  readonly name: string;
  /** Default 0. */
  readonly instance?: number;
  readonly description?: string;
  /** The interval a client starts with until it configures one (default 1000 ms). */
  readonly defaultIntervalMs?: number;
  /** One reading, or undefined when there is none this time (nothing is delivered). */
  read(): AttrContainer | undefined;
  /** Applies a configuration; returns whether the sensor took it. Without it, configuring with a container fails. */
  config?(config: AttrContainer): boolean;
}

/** A provider's identity and state as the manager reports it. */
export interface SensorInfo {
  readonly id: number;
  readonly name: string;
  readonly instance: number;
  readonly description: string | undefined;
  /** How often it is read now: the smallest interval of its clients; undefined when nobody listens. */
  readonly readIntervalMs: number | undefined;
  readonly clients: readonly SensorClientInfo[];
}

export interface SensorClientInfo {
  readonly app: string;
  /** 0 pauses this client's readings (the other clients carry on). */
  readonly intervalMs: number;
  readonly bitCfg: number;
  readonly delay: number;
}
