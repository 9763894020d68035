import { readFileSync } from "node:fs";
import {
  encodeFrame,
  type FleetPresence,
  type FleetTopics,
  FrameReader,
  fleetTopics,
  type HostLinkService,
  type HostLinkSession,
  LinkMessageType,
  unpackRequest,
} from "@microwasm/app-framework/host-link";
import { connect, type IClientOptions, type MqttClient } from "mqtt";
import type { MqttOptions } from "./daemon-options.js";
import type { Logger } from "./logger.js";
import type { SubscriptionStore } from "./subscription-store.js";
import { VERSION } from "./version.js";

/**
 * The device in a fleet: one MQTT session (a persistent one, so requests queued while it was
 * away arrive when it is back) that takes host-link frames from its own request topic and
 * publishes responses and subscribed events to its topics. It announces itself on its
 * presence topic (retained) and leaves a last will there; MQTT.js reconnects after a broker
 * restart and the announcement is repeated on each connect. With a data dir, the session's
 * event subscriptions are saved and come back after the daemon restarts, as the MQTT session does.
 */
export class MqttFleet {
  private readonly options: MqttOptions;
  private readonly topics: FleetTopics;
  private readonly log: Logger;
  private client: MqttClient | undefined;
  private session: HostLinkSession | undefined;
  private readonly store: SubscriptionStore | undefined;

  constructor(options: MqttOptions, log: Logger, store?: SubscriptionStore) {
    this.options = options;
    this.store = store;
    this.topics = fleetTopics(options.deviceId, options.root);
    this.log = log.child({ mqtt: options.url, device: options.deviceId });
  }

  private presence(online: boolean): string {
    const presence: FleetPresence = online
      ? { device: this.options.deviceId, online, version: VERSION, since: new Date().toISOString() }
      : { device: this.options.deviceId, online };
    return JSON.stringify(presence);
  }

  /** Connects (resolves at the first connection; later ones are MQTT.js's reconnects). */
  async start(service: HostLinkService): Promise<void> {
    const { options, topics } = this;
    const store = this.store;
    const saved = (await store?.load((why) => this.log.error({ why }, "saved subscriptions skipped"))) ?? [];
    const clientOptions: IClientOptions = {
      clientId: `microwasmd-${options.deviceId}`,
      clean: false,
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      will: { topic: topics.presence, payload: Buffer.from(this.presence(false)), qos: 1, retain: true },
      ...(options.username === undefined ? {} : { username: options.username }),
      ...(options.password === undefined ? {} : { password: options.password }),
      ...(options.ca === undefined ? {} : { ca: readFileSync(options.ca) }),
      ...(options.cert === undefined ? {} : { cert: readFileSync(options.cert) }),
      ...(options.key === undefined ? {} : { key: readFileSync(options.key) }),
    };
    const client = connect(options.url, clientOptions);
    this.client = client;
    const session = service.open(
      (message) => {
        if (message.type === LinkMessageType.RESPONSE) {
          client.publish(topics.response, Buffer.from(encodeFrame(message.type, message.payload)), {
            qos: 1,
          });
          return;
        }
        const event = unpackRequest(message.payload);
        if (event !== undefined)
          client.publish(topics.event(event.url), Buffer.from(encodeFrame(message.type, message.payload)), {
            qos: 0,
          });
      },
      `mqtt:${options.deviceId}`,
      store === undefined ? undefined : (events) => store.save(events),
    );
    for (const event of saved) session.subscribe(event);
    if (saved.length > 0) this.log.info({ events: saved }, "subscriptions restored");
    this.session = session;
    const maxPayload = service.maxInstallSize + 0x10000;

    client.on("message", (topic, payload) => {
      // Only our own request topic: the broker's ACL is the first guard, this the second.
      if (topic !== topics.request) {
        this.log.warn({ topic }, "message on a topic that is not this device's: ignored");
        return;
      }
      // Each MQTT message is one frame: a fresh reader, so a broken one cannot spoil the next.
      let frames = 0;
      const reader = new FrameReader({
        maxPayload,
        onFrame: (message) => {
          frames++;
          void session.receive(message);
        },
        onOversized: (frame) => {
          frames++;
          session.rejectOversized(frame);
        },
      });
      reader.push(payload);
      if (frames !== 1 || reader.midFrame)
        this.log.warn({ bytes: payload.length, frames }, "MQTT message is not one whole host-link frame");
    });
    client.on("reconnect", () => this.log.info("reconnecting to the broker"));
    client.on("offline", () => this.log.warn("broker connection lost"));
    client.on("error", (error) => this.log.error({ error: error.message }, "MQTT error"));
    return new Promise((resolve, reject) => {
      let first = true;
      client.on("connect", (connack) => {
        // Small request/response frames: Nagle's delay (with the broker's delayed ACK) would add tens of ms.
        (client.stream as { setNoDelay?: (noDelay: boolean) => void }).setNoDelay?.(true);
        this.log.info({ sessionPresent: connack.sessionPresent }, "connected to the broker");
        client.subscribe(topics.request, { qos: 1 }, (error) => {
          if (error) this.log.error({ error: error.message }, "could not subscribe to the request topic");
        });
        client.publish(topics.presence, this.presence(true), { qos: 1, retain: true });
        if (first) {
          first = false;
          resolve();
        }
      });
      client.once("error", (error) => {
        if (first) reject(error);
      });
    });
  }

  /** Says it is going (the retained presence becomes offline) and disconnects. */
  async stop(): Promise<void> {
    const client = this.client;
    this.session?.close();
    if (client === undefined) return;
    if (client.connected)
      await client.publishAsync(this.topics.presence, this.presence(false), { qos: 1, retain: true });
    await client.endAsync();
  }
}
