import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { appletUrl, LinkMessageType } from "@microwasm/app-framework/host-link";
import { AttrContainer } from "@microwasm/attr-container";
import { printContainer } from "./cjson-print.js";
import { type DeviceAnswer, FleetClient } from "./fleet-client.js";

/** The fleet command's options merged with its verb's. */
export interface FleetFlags {
  broker: string;
  root?: string;
  username?: string;
  passwordFile?: string;
  ca?: string;
  cert?: string;
  key?: string;
  timeout?: number;
  json?: boolean;
  device?: string[];
  all?: boolean;
  name?: string;
  heap?: number;
  timers?: number;
  watchdog?: number;
  action?: string;
  payload?: string;
  duration?: number;
}

export type FleetVerb = "devices" | "install" | "uninstall" | "query" | "request" | "subscribe";

const Action = { GET: 1, POST: 2, PUT: 3, DELETE: 4 } as const;
const ATTR_CONTAINER = 99;
const APP_RAW_BINARY = 98;
const none = () => new Uint8Array(0);

class FleetUsageError extends Error {}

function attrText(fmt: number | undefined, payload: Uint8Array | undefined, asJson: boolean) {
  if (fmt !== ATTR_CONTAINER || payload === undefined || payload.length === 0) return asJson ? null : "";
  try {
    const container = AttrContainer.fromBytes(payload);
    return asJson ? container.toJSON() : printContainer(container);
  } catch {
    return asJson ? null : "";
  }
}

async function targets(fleet: FleetClient, flags: FleetFlags, allByDefault = false): Promise<string[]> {
  if (flags.device !== undefined && flags.device.length > 0) return flags.device;
  if (flags.all || allByDefault) return (await fleet.devices()).filter((d) => d.online).map((d) => d.device);
  throw new FleetUsageError("name the devices: --device ID (repeatable) or --all");
}

/** Prints each device's answer; 0 when all succeeded, 1 on an error status, 2 on a timeout. */
function report(answers: readonly DeviceAnswer[], json: boolean): number {
  let code = 0;
  for (const answer of answers) {
    if (answer.status === undefined) {
      code = 2;
      process.stdout.write(
        json
          ? `${JSON.stringify({ device: answer.device, timeout: true })}\n`
          : `${answer.device}: operation timeout\n`,
      );
      continue;
    }
    if (answer.status >= 128 && code === 0) code = 1;
    const payload = attrText(answer.fmt, answer.payload, json);
    process.stdout.write(
      json
        ? `${JSON.stringify({ device: answer.device, status: answer.status, payload })}\n`
        : `\n${answer.device}: response status ${answer.status}\n${payload}${payload === "" ? "" : "\n"}`,
    );
  }
  return code;
}

type Request = Parameters<FleetClient["request"]>[1];

function requestOf(
  verb: Exclude<FleetVerb, "devices" | "subscribe">,
  flags: FleetFlags,
  args: unknown[],
): Request {
  const arg = args[0] as string | undefined;
  switch (verb) {
    case "install": {
      const file = arg!;
      const url = appletUrl({
        name: flags.name ?? basename(file).replace(/\.wasm$/, ""),
        ...(flags.heap === undefined ? {} : { heap: flags.heap }),
        ...(flags.timers === undefined ? {} : { timers: flags.timers }),
        ...(flags.watchdog === undefined ? {} : { wd: flags.watchdog }),
      });
      const payload = new Uint8Array(readFileSync(file));
      return {
        url,
        action: Action.PUT,
        fmt: APP_RAW_BINARY,
        payload,
        linkType: LinkMessageType.INSTALL_WASM_APP,
      };
    }
    case "uninstall":
      return { url: `/applet?name=${arg}`, action: Action.DELETE, fmt: ATTR_CONTAINER, payload: none() };
    case "query":
      return {
        url: arg === undefined ? "/applet" : `/applet?name=${arg}`,
        action: Action.GET,
        fmt: ATTR_CONTAINER,
        payload: none(),
      };
    case "request": {
      const action = Action[(flags.action ?? "GET").toUpperCase() as keyof typeof Action];
      if (action === undefined) throw new FleetUsageError("-A takes GET, PUT, POST or DELETE");
      const payload =
        flags.payload === undefined
          ? none()
          : AttrContainer.fromJSON(JSON.parse(readFileSync(flags.payload, "utf8"))).toBytes();
      return { url: arg!, action, fmt: ATTR_CONTAINER, payload };
    }
  }
}

async function verbBody(
  verb: FleetVerb,
  flags: FleetFlags,
  args: unknown[],
  client: FleetClient,
): Promise<number> {
  const json = flags.json === true;
  const timeout = flags.timeout ?? 5000;
  if (verb === "devices") {
    for (const d of await client.devices())
      process.stdout.write(
        json
          ? `${JSON.stringify(d)}\n`
          : `${d.device}\t${d.online ? "online" : "offline"}\t${d.version ?? ""}\t${d.since ?? ""}\n`,
      );
    return 0;
  }
  if (verb === "subscribe") {
    const event = String(args[0]).replace(/^\//, "");
    await client.listen(event, (e) => {
      const payload = attrText(e.fmt, e.payload, json);
      process.stdout.write(
        json
          ? `${JSON.stringify({ type: "event", device: e.device, url: e.url, payload })}\n`
          : `\nreceived an event ${e.url} from ${e.device}\n${payload}${payload === "" ? "" : "\n"}`,
      );
    });
    const request = { url: `/event/${event}`, action: Action.PUT, fmt: ATTR_CONTAINER, payload: none() };
    const code = report(await client.request(await targets(client, flags, true), request, timeout), json);
    await new Promise<void>((resolve) => {
      if (flags.duration !== undefined) setTimeout(resolve, flags.duration);
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
    return code;
  }
  const request = requestOf(verb, flags, args);
  return report(await client.request(await targets(client, flags), request, timeout), json);
}

/** Connects to the broker, runs the verb, disconnects; resolves with the exit code (255: usage). */
export async function runVerb(verb: FleetVerb, flags: FleetFlags, args: unknown[]): Promise<number> {
  try {
    const password =
      flags.passwordFile !== undefined
        ? readFileSync(flags.passwordFile, "utf8").trimEnd()
        : process.env["MICROWASM_MQTT_PASSWORD"];
    const client = await FleetClient.connect({
      broker: flags.broker,
      ...(flags.root === undefined ? {} : { root: flags.root }),
      ...(flags.username === undefined ? {} : { username: flags.username }),
      ...(password === undefined ? {} : { password }),
      ...(flags.ca === undefined ? {} : { ca: flags.ca }),
      ...(flags.cert === undefined ? {} : { cert: flags.cert }),
      ...(flags.key === undefined ? {} : { key: flags.key }),
    });
    try {
      return await verbBody(verb, flags, args, client);
    } finally {
      await client.close();
    }
  } catch (error) {
    console.error(`microwasm fleet: ${(error as Error).message}`);
    return error instanceof FleetUsageError ? 255 : 1;
  }
}
