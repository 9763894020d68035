import { readFileSync } from "node:fs";
import {
  DEFAULT_FLEET_ROOT,
  deviceOfTopic,
  encodeFrame,
  type FleetPresence,
  FrameReader,
  fleetTopics,
  type LinkMessage,
  LinkMessageType,
  packRequest,
  unpackRequest,
  unpackResponse,
} from "@microwasm/app-framework/host-link";
import type { IClientOptions, MqttClient } from "mqtt";
import { z } from "zod";
import { importModule } from "./import-module.js";

export interface BrokerOptions {
  readonly broker: string;
  readonly root?: string;
  readonly username?: string;
  readonly password?: string;
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
}

/** A device's presence message, as microwasmd publishes it (checked: it comes from the network). */
const presenceSchema = z.object({
  device: z.string(),
  online: z.boolean(),
  version: z.string().optional(),
  since: z.string().optional(),
});

export interface DeviceAnswer {
  readonly device: string;
  /** Undefined when the device did not answer in time. */
  readonly status?: number;
  readonly fmt?: number;
  readonly payload?: Uint8Array;
}

export interface FleetEvent {
  readonly device: string;
  readonly url: string;
  readonly fmt: number;
  readonly payload: Uint8Array;
}

const oneFrame = (bytes: Uint8Array): LinkMessage | undefined => {
  let message: LinkMessage | undefined;
  new FrameReader({
    onFrame: (m) => {
      message ??= m;
    },
  }).push(bytes);
  return message;
};

/**
 * A controller on the fleet's broker: reads who is online from the retained presence topics,
 * sends host-link requests to devices' request topics (QoS 1) and matches their responses by
 * mid, and listens to their event topics. A clean MQTT session: a controller keeps no state.
 */
export class FleetClient {
  readonly root: string;
  private readonly client: MqttClient;
  private readonly waiting = new Map<string, (answer: DeviceAnswer) => void>();
  private readonly presences = new Map<string, FleetPresence>();
  private eventListener: ((event: FleetEvent) => void) | undefined;

  private constructor(client: MqttClient, root: string) {
    this.client = client;
    this.root = root;
    client.on("message", (topic, payload) => this.dispatch(topic, payload));
  }

  static async connect(options: BrokerOptions): Promise<FleetClient> {
    const mqtt = (await importModule("mqtt")) as unknown as typeof import("mqtt");
    const clientOptions: IClientOptions = {
      clientId: `microwasm-fleet-${Math.random().toString(16).slice(2, 10)}`,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      ...(options.username === undefined ? {} : { username: options.username }),
      ...(options.password === undefined ? {} : { password: options.password }),
      ...(options.ca === undefined ? {} : { ca: readFileSync(options.ca) }),
      ...(options.cert === undefined ? {} : { cert: readFileSync(options.cert) }),
      ...(options.key === undefined ? {} : { key: readFileSync(options.key) }),
    };
    const client = await mqtt.connectAsync(options.broker, clientOptions, false);
    // Small frames: without this, Nagle's delay and the broker's delayed ACK add tens of ms per request.
    (client.stream as { setNoDelay?: (noDelay: boolean) => void }).setNoDelay?.(true);
    const fleet = new FleetClient(client, options.root ?? DEFAULT_FLEET_ROOT);
    await client.subscribeAsync(`${fleet.root}/+/presence`, { qos: 1 });
    return fleet;
  }

  /** The devices that announced themselves (retained presence), after `settleMs` for the broker to send them. */
  async devices(settleMs = 300): Promise<FleetPresence[]> {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return [...this.presences.values()].sort((a, b) => a.device.localeCompare(b.device));
  }

  /** Sends one request to each device and waits (up to `timeoutMs`) for every answer. */
  async request(
    devices: readonly string[],
    request: { url: string; action: number; fmt: number; payload: Uint8Array; linkType?: number },
    timeoutMs: number,
  ): Promise<DeviceAnswer[]> {
    await this.client.subscribeAsync(
      devices.map((d) => fleetTopics(d, this.root).response),
      { qos: 1 },
    );
    return Promise.all(
      devices.map(async (device) => {
        const mid = (Math.random() * 0x100000000) >>> 0;
        const key = `${device}\0${mid}`;
        const answer = new Promise<DeviceAnswer>((resolve) => {
          const timer = setTimeout(() => {
            this.waiting.delete(key);
            resolve({ device });
          }, timeoutMs);
          this.waiting.set(key, (a) => {
            clearTimeout(timer);
            resolve(a);
          });
        });
        const packet = packRequest({ ...request, mid, sender: 0 });
        const frame = encodeFrame(request.linkType ?? LinkMessageType.REQUEST, packet);
        await this.client.publishAsync(fleetTopics(device, this.root).request, Buffer.from(frame), {
          qos: 1,
        });
        return answer;
      }),
    );
  }

  /** Listens to event `url` of every device (the devices must have been asked to send it: PUT /event/…). */
  async listen(url: string, listener: (event: FleetEvent) => void): Promise<void> {
    this.eventListener = listener;
    const name = url.startsWith("/") ? url.slice(1) : url;
    await this.client.subscribeAsync(`${this.root}/+/event/${name}`, { qos: 0 });
  }

  async close(): Promise<void> {
    await this.client.endAsync();
  }

  private dispatch(topic: string, payload: Buffer): void {
    const device = deviceOfTopic(topic, this.root);
    if (device === undefined) return;
    const kind = topic.slice(this.root.length + device.length + 2);
    if (kind === "presence") {
      if (payload.length === 0) {
        this.presences.delete(device);
        return;
      }
      try {
        const presence = presenceSchema.parse(JSON.parse(payload.toString("utf8")));
        if (presence.device === device) this.presences.set(device, presence);
      } catch {
        // not a presence message: ignored
      }
      return;
    }
    const message = oneFrame(payload);
    if (message === undefined) return;
    if (kind === "response" && message.type === LinkMessageType.RESPONSE) {
      const response = unpackResponse(message.payload);
      if (response === undefined) return;
      const key = `${device}\0${response.mid}`;
      const resolve = this.waiting.get(key);
      if (resolve === undefined) return;
      this.waiting.delete(key);
      resolve({ device, status: response.status, fmt: response.fmt, payload: response.payload });
    } else if (kind.startsWith("event/") && message.type === LinkMessageType.REQUEST) {
      const event = unpackRequest(message.payload);
      if (event !== undefined)
        this.eventListener?.({ device, url: event.url, fmt: event.fmt, payload: event.payload });
    }
  }
}
