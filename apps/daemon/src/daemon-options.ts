import { z } from "zod";

/** Levels of `--log-level` (pino's). */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const port = z.number().int().min(0).max(65535);
const positive = z.number().int().positive();

/** The limits an operator may set (the app framework's, plus the daemon's own). */
const limitsSchema = z
  .object({
    maxApps: positive,
    maxTimersPerApp: z.number().int().min(0).max(1024),
    maxResourcesPerApp: positive,
    minHeapSize: positive,
    maxHeapSize: positive,
    stackSize: positive,
    transactionTimeoutMs: positive,
  })
  .partial()
  .strict();

const mqttSchema = z
  .object({
    url: z.string().regex(/^(mqtts?|wss?|tcp|tls):\/\//, "an mqtt://, mqtts://, ws:// or wss:// URL"),
    deviceId: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[^/+#]+$/, "one topic level: no / + #"),
    root: z.string().min(1).default("microwasm"),
    username: z.string().optional(),
    password: z.string().optional(),
    /** PEM files for TLS: the broker's CA, and the device's certificate and key. */
    ca: z.string().optional(),
    cert: z.string().optional(),
    key: z.string().optional(),
  })
  .strict();

/** A config file (JSON): every option of the command line, in camelCase. */
export const configFileSchema = z
  .object({
    host: z.string().min(1),
    port,
    tcp: z.boolean(),
    uart: z.string().min(1),
    baud: positive,
    dataDir: z.string().min(1),
    logLevel: z.enum(LOG_LEVELS),
    simulatedSensors: z.boolean(),
    maxInstallSize: positive,
    maxWatchdogMs: positive,
    maxConnections: positive,
    maxPendingPerConnection: positive,
    limits: limitsSchema,
    mqtt: mqttSchema,
  })
  .partial()
  .strict();

export type ConfigFile = z.infer<typeof configFileSchema>;
export type MqttOptions = z.infer<typeof mqttSchema>;

/** Everything the daemon runs with, defaults filled in. */
export interface DaemonOptions {
  readonly host: string;
  /** TCP port; 0 picks a free one (logged as "listening"). */
  readonly port: number;
  readonly tcp: boolean;
  readonly uart?: string;
  readonly baud: number;
  readonly dataDir?: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly simulatedSensors: boolean;
  readonly maxInstallSize: number;
  readonly maxWatchdogMs: number;
  readonly maxConnections: number;
  readonly maxPendingPerConnection: number;
  readonly limits: z.infer<typeof limitsSchema>;
  readonly mqtt?: MqttOptions;
}

export const DEFAULT_OPTIONS: DaemonOptions = {
  host: "127.0.0.1",
  port: 8888,
  tcp: true,
  baud: 115200,
  logLevel: "info",
  simulatedSensors: false,
  maxInstallSize: 16 * 1024 * 1024,
  maxWatchdogMs: 10_000,
  maxConnections: 64,
  maxPendingPerConnection: 256,
  limits: {},
};

/** Reads and checks a config file's JSON text; throws an Error naming the bad field. */
export function parseConfigFile(text: string, file: string): ConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON: ${(error as Error).message}`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join(".") || "(top)"}: ${issue?.message}`);
  }
  return parsed.data;
}

/** The options in force: defaults, then the config file, then the command line's. */
export function mergeOptions(file: ConfigFile, flags: ConfigFile): DaemonOptions {
  const limits = { ...file.limits, ...flags.limits };
  const mqtt =
    file.mqtt === undefined && flags.mqtt === undefined ? undefined : { ...file.mqtt, ...flags.mqtt };
  const merged = { ...DEFAULT_OPTIONS, ...file, ...flags, limits };
  if (mqtt === undefined) return merged as DaemonOptions;
  const checked = mqttSchema.safeParse(mqtt);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`--mqtt: ${issue?.path.join(".")}: ${issue?.message} (--mqtt URL needs --device-id ID)`);
  }
  return { ...merged, mqtt: checked.data } as DaemonOptions;
}
