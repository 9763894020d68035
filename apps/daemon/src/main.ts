import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { Daemon } from "./daemon.js";
import { type ConfigFile, LOG_LEVELS, mergeOptions, parseConfigFile } from "./daemon-options.js";
import { createLogger } from "./logger.js";
import { VERSION } from "./version.js";

function integer(text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError("not a whole number");
  return Number(text);
}

interface Flags {
  port?: number;
  host?: string;
  tcp?: boolean;
  uart?: string;
  baud?: number;
  dataDir?: string;
  config?: string;
  logLevel?: string;
  simulatedSensors?: boolean;
  maxApps?: number;
  maxTimers?: number;
  maxHeap?: number;
  stackSize?: number;
  maxInstallSize?: number;
  maxWatchdog?: number;
  maxConnections?: number;
  transactionTimeout?: number;
  mqtt?: string;
  deviceId?: string;
  mqttRoot?: string;
  mqttUsername?: string;
  mqttPasswordFile?: string;
  mqttCa?: string;
  mqttCert?: string;
  mqttKey?: string;
}

const program = new Command()
  .name("microwasmd")
  .description(
    "WAMR's app manager as a service: WAMR's host tool (or `microwasm host`) installs, queries, " +
      "uninstalls and talks to apps over TCP or a UART; `--mqtt` joins a fleet through a broker.",
  )
  .version(`microwasmd ${VERSION}`, "--version")
  .helpOption("-h, --help", "show this help")
  .option("-p, --port <n>", "TCP port (default 8888; 0: any free port, logged)", integer)
  .option("--host <address>", "address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)")
  .option("--no-tcp", "no TCP server (UART or MQTT only)")
  .option("--uart <device>", "also serve the host link on this serial device (raw 8N1)")
  .option("--baud <n>", "UART speed (default 115200)", integer)
  .option("--data-dir <dir>", "keep installed apps here: they survive restarts")
  .option("--config <file>", "a JSON file with any of these options in camelCase (command line wins)")
  .option("--log-level <level>", `log level on stderr: ${LOG_LEVELS.join(", ")} (default info)`)
  .option("--simulated-sensors", "register WAMR's sample sensors sensor_test1 and sensor_test2")
  .option("--max-apps <n>", "apps installed at once (default 3, as WAMR)", integer)
  .option("--max-timers <n>", "timers an app may hold (default 30, as WAMR)", integer)
  .option("--max-heap <bytes>", "largest app heap an install may ask for (default 1 GiB)", integer)
  .option("--stack-size <bytes>", "wasm stack of each app (default 16 KiB)", integer)
  .option("--max-install-size <bytes>", "largest app file (default 16 MiB); larger gets 4.13", integer)
  .option("--max-watchdog <ms>", "cap on an install's --watchdog (default 10000)", integer)
  .option("--max-connections <n>", "TCP hosts at once (default 64)", integer)
  .option(
    "--transaction-timeout <ms>",
    "how long a request waits for an app's response (default 5000)",
    integer,
  )
  .option("--mqtt <url>", "join a fleet: the broker (mqtt://, mqtts://, ws://, wss://)")
  .option("--device-id <id>", "this device's id in the fleet (one topic level)")
  .option("--mqtt-root <topic>", "the fleet's topic root (default microwasm)")
  .option("--mqtt-username <name>", "broker user name")
  .option("--mqtt-password-file <file>", "broker password, read from a file (or MICROWASMD_MQTT_PASSWORD)")
  .option("--mqtt-ca <file>", "PEM CA certificate to check the broker's TLS certificate")
  .option("--mqtt-cert <file>", "PEM client certificate (TLS)")
  .option("--mqtt-key <file>", "PEM client key (TLS)")
  .action(async (flags: Flags) => {
    const file: ConfigFile =
      flags.config === undefined ? {} : parseConfigFile(readFileSync(flags.config, "utf8"), flags.config);
    const password =
      flags.mqttPasswordFile !== undefined
        ? readFileSync(flags.mqttPasswordFile, "utf8").trimEnd()
        : process.env["MICROWASMD_MQTT_PASSWORD"];
    const defined = <T extends object>(object: T) =>
      Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
    const limits = defined({
      maxApps: flags.maxApps,
      maxTimersPerApp: flags.maxTimers,
      maxHeapSize: flags.maxHeap,
      stackSize: flags.stackSize,
      transactionTimeoutMs: flags.transactionTimeout,
    });
    const mqtt = defined({
      url: flags.mqtt,
      deviceId: flags.deviceId,
      root: flags.mqttRoot,
      username: flags.mqttUsername,
      password,
      ca: flags.mqttCa,
      cert: flags.mqttCert,
      key: flags.mqttKey,
    });
    const fromFlags = parseConfigFile(
      JSON.stringify(
        defined({
          port: flags.port,
          host: flags.host,
          tcp: flags.tcp === false ? false : undefined,
          uart: flags.uart,
          baud: flags.baud,
          dataDir: flags.dataDir,
          logLevel: flags.logLevel,
          simulatedSensors: flags.simulatedSensors,
          maxInstallSize: flags.maxInstallSize,
          maxWatchdogMs: flags.maxWatchdog,
          maxConnections: flags.maxConnections,
          limits: Object.keys(limits).length === 0 ? undefined : limits,
          mqtt: flags.mqtt === undefined && flags.deviceId === undefined ? undefined : mqtt,
        }),
      ),
      "command line",
    );
    const options = mergeOptions(file, fromFlags);
    const log = createLogger(options.logLevel);
    const daemon = new Daemon(options, log);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, "stopping");
      daemon.stop().then(
        () => {
          log.info("stopped");
          process.exit(0);
        },
        (error: Error) => {
          log.error({ error: error.message }, "stop failed");
          process.exit(1);
        },
      );
    };
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGINT", () => stop("SIGINT"));
    try {
      await daemon.start();
    } catch (error) {
      log.fatal({ error: (error as Error).message }, "could not start");
      await daemon.stop().catch(() => undefined);
      process.exit(1);
    }
  });

program.parseAsync().catch((error: unknown) => {
  console.error(`microwasmd: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
