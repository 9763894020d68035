/**
 * Host-link messages over an MQTT broker: each device has its own topics under `root`, and
 * every payload on `request`, `response` and `event/…` is exactly one host-link frame (the
 * same bytes as on TCP or UART), so a fleet speaks the one protocol.
 */
export interface FleetTopics {
  /** Retained `FleetPresence` JSON; the broker publishes the device's last will here when it drops. */
  readonly presence: string;
  /** Controller → device: frames of type 2 (requests) and 4 (installs). */
  readonly request: string;
  /** Device → controllers: frames of type 3, matched to their request by mid. */
  readonly response: string;
  /** Device → controllers: the event `url` (type 2 frames, action 6) a controller subscribed to. */
  readonly event: (url: string) => string;
}

export const DEFAULT_FLEET_ROOT = "microwasm";

/** What a device announces (retained), and its last will with `online: false`. */
export interface FleetPresence {
  readonly device: string;
  readonly online: boolean;
  /** microwasmd's version, when online. */
  readonly version?: string;
  /** When it came online (ISO 8601). */
  readonly since?: string;
}

/** A device id is one topic level: no `/`, no wildcards, no NUL, 1 to 128 characters. */
export function isValidDeviceId(id: string): boolean {
  return id.length >= 1 && id.length <= 128 && !/[/+#]/.test(id) && !id.includes("\0");
}

export function fleetTopics(device: string, root: string = DEFAULT_FLEET_ROOT): FleetTopics {
  if (!isValidDeviceId(device))
    throw new RangeError(`invalid device id "${device}" (one topic level, no / + #)`);
  const base = `${root}/${device}`;
  return {
    presence: `${base}/presence`,
    request: `${base}/request`,
    response: `${base}/response`,
    event: (url) => `${base}/event/${url.startsWith("/") ? url.slice(1) : url}`,
  };
}

/** The device id in a topic under `root` (`microwasm/<id>/…`), or undefined. */
export function deviceOfTopic(topic: string, root: string = DEFAULT_FLEET_ROOT): string | undefined {
  if (!topic.startsWith(`${root}/`)) return undefined;
  const rest = topic.slice(root.length + 1);
  const slash = rest.indexOf("/");
  return slash <= 0 ? undefined : rest.slice(0, slash);
}
