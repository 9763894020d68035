import { AppManager, type AppManagerOptions } from "@microwasm/app-framework";
import { HostLinkService } from "@microwasm/app-framework/host-link";
import { sensorExtension, simulatedSensors } from "@microwasm/sensor";
import { AppStore } from "./app-store.js";
import type { DaemonOptions } from "./daemon-options.js";
import type { Logger } from "./logger.js";
import { MqttFleet } from "./mqtt-fleet.js";
import { SubscriptionStore } from "./subscription-store.js";
import { TcpTransport } from "./tcp-transport.js";
import { UartTransport } from "./uart-transport.js";

/** What an embedder adds to the app manager (its own sensors and other extensions, a runtime, connections). */
export type ManagerExtras = Omit<AppManagerOptions, "limits" | "stdout">;

/**
 * microwasmd: one `AppManager` behind one `HostLinkService`, reached over TCP, a UART and an
 * MQTT broker at once; installed apps saved in the data directory come back on start.
 */
export class Daemon {
  readonly manager: AppManager;
  readonly service: HostLinkService;
  readonly options: DaemonOptions;
  private readonly log: Logger;
  private readonly store: AppStore | undefined;
  private tcp: TcpTransport | undefined;
  private uart: UartTransport | undefined;
  private fleet: MqttFleet | undefined;
  /** The TCP port bound (after `start`). */
  port: number | undefined;

  constructor(options: DaemonOptions, log: Logger, extras: ManagerExtras = {}) {
    this.options = options;
    this.log = log;
    const extensions = [
      ...(extras.extensions ?? []),
      // WAMR's sample platform's two sensors, so its sensor sample runs as on its device.
      ...(options.simulatedSensors ? [sensorExtension({ sensors: simulatedSensors() })] : []),
    ];
    this.manager = new AppManager({
      ...extras,
      extensions,
      limits: options.limits,
      // The apps' printf and puts reach stdout unchanged, as on WAMR's device.
      stdout: (_app, bytes) => void process.stdout.write(bytes),
    });
    this.manager.on("app-failed", ({ name, reason }) => log.error({ app: name, reason }, "app failed"));
    const store = options.dataDir === undefined ? undefined : new AppStore(options.dataDir);
    this.store = store;
    this.service = new HostLinkService({
      manager: this.manager,
      maxInstallSize: options.maxInstallSize,
      maxWatchdogMs: options.maxWatchdogMs,
      maxPendingPerSession: options.maxPendingPerConnection,
      ...(store === undefined
        ? {}
        : {
            onInstalled: (name, bytes, installOptions) => store.save(name, bytes, installOptions),
            onUninstalled: (name) => store.remove(name),
          }),
      log: (level, record, message) => log[level](record, message),
    });
  }

  async start(): Promise<void> {
    const { options, log } = this;
    if (this.store !== undefined) {
      const saved = await this.store.restore((entry, why) => log.error({ entry, why }, "saved app skipped"));
      for (const app of saved) {
        try {
          await this.manager.install(app.name, app.bytes, app.options);
          log.info({ app: app.name, bytes: app.bytes.length }, "app restored");
        } catch (error) {
          log.error({ app: app.name, error: (error as Error).message }, "saved app did not start");
        }
      }
    }
    if (options.tcp) {
      this.tcp = new TcpTransport(this.service, log, options.maxConnections);
      this.port = await this.tcp.listen(options.host, options.port);
      log.info({ host: options.host, port: this.port }, "listening");
    }
    if (options.uart !== undefined) {
      this.uart = new UartTransport(options.uart);
      await this.uart.open(this.service, options.baud, log);
    }
    if (options.mqtt !== undefined) {
      const subscriptions =
        options.dataDir === undefined ? undefined : new SubscriptionStore(options.dataDir);
      this.fleet = new MqttFleet(options.mqtt, log, subscriptions);
      await this.fleet.start(this.service);
    }
    log.info({ apps: this.manager.query().length }, "ready");
  }

  /** Stops taking requests, then ends every app (`on_destroy`); saved apps stay saved. */
  async stop(): Promise<void> {
    await this.tcp?.close();
    this.uart?.close();
    await this.fleet
      ?.stop()
      .catch((error: Error) => this.log.warn({ error: error.message }, "MQTT stop failed"));
    for (const app of this.manager.query()) {
      await this.manager.uninstall(app.name).catch(() => undefined);
      this.log.info({ app: app.name }, "app stopped");
    }
  }
}
