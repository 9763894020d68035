import { createSocket } from "node:dgram";
import { appendFileSync, readFileSync } from "node:fs";
import {
  appletUrl,
  LinkMessageType,
  packRequest,
  unpackRequest,
  unpackResponse,
} from "@microwasm/app-framework/host-link";
import { AttrContainer } from "@microwasm/attr-container";
import { printContainer } from "./cjson-print.js";
import { connectTcp, type LinkConnection, openUart } from "./link-connection.js";

/** host_tool's exit codes besides the response status. */
const TIMEOUT_EXIT = 2;
export const FAILURE_EXIT = 255;
const ATTR_CONTAINER = 99;
const APP_RAW_BINARY = 98;
const Action = { GET: 1, POST: 2, PUT: 3, DELETE: 4 } as const;
const BAUD_RATES = [
  9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000, 1152000, 1500000,
  2000000, 2500000, 3000000, 3500000, 4000000,
];

export interface HostFlags {
  install?: string;
  file?: string;
  uninstall?: string;
  query?: string | boolean;
  request?: string;
  action?: string;
  payload?: string;
  register?: string;
  deregister?: string;
  address?: string;
  port?: number;
  uart_device?: string;
  baudrate?: number;
  timeout?: number;
  alive?: number;
  output?: string;
  udp?: number;
  type?: string;
  heap?: number;
  timers?: number;
  watchdog?: number;
  json?: boolean;
}

/** A mistake in the command line: exit 255, as host_tool's -1. */
export class HostUsageError extends Error {}

/** The one operation of a run: its link type and request packet fields. */
interface Operation {
  readonly kind: "install" | "uninstall" | "query" | "request" | "register" | "deregister";
  readonly linkType: number;
  readonly url: string;
  readonly action: number;
  readonly fmt: number;
  readonly payload: Uint8Array;
}

function operationOf(flags: HostFlags): Operation {
  const chosen = (["install", "uninstall", "query", "request", "register", "deregister"] as const).filter(
    (kind) => flags[kind] !== undefined,
  );
  if (chosen.length !== 1) throw new HostUsageError("give exactly one of -i, -u, -q, -r, -s, -d");
  const kind = chosen[0]!;
  const none: Uint8Array = new Uint8Array(0);
  switch (kind) {
    case "install": {
      if (flags.file === undefined) throw new HostUsageError("-i needs -f FILE");
      const bytes = new Uint8Array(readFileSync(flags.file));
      const url = appletUrl({
        name: flags.install!,
        ...(flags.type === undefined ? {} : { type: flags.type }),
        ...(flags.heap === undefined ? {} : { heap: flags.heap }),
        ...(flags.timers === undefined ? {} : { timers: flags.timers }),
        ...(flags.watchdog === undefined ? {} : { wd: flags.watchdog }),
      });
      // host_tool streams wasm as INSTALL_WASM_APP; other types go as a plain request.
      const linkType =
        flags.type === undefined || flags.type === "wasm"
          ? LinkMessageType.INSTALL_WASM_APP
          : LinkMessageType.REQUEST;
      return { kind, linkType, url, action: Action.PUT, fmt: APP_RAW_BINARY, payload: bytes };
    }
    case "uninstall": {
      const url = `/applet?name=${flags.uninstall}${flags.type === undefined ? "" : `&type=${flags.type}`}`;
      return {
        kind,
        linkType: LinkMessageType.REQUEST,
        url,
        action: Action.DELETE,
        fmt: ATTR_CONTAINER,
        payload: none,
      };
    }
    case "query": {
      const name = typeof flags.query === "string" && flags.query !== "" ? flags.query : undefined;
      const url = name === undefined ? "/applet" : `/applet?name=${name}`;
      return {
        kind,
        linkType: LinkMessageType.REQUEST,
        url,
        action: Action.GET,
        fmt: ATTR_CONTAINER,
        payload: none,
      };
    }
    case "request": {
      const action = Action[flags.action?.toUpperCase() as keyof typeof Action];
      if (action === undefined) throw new HostUsageError("-r needs -A GET|PUT|POST|DELETE");
      let payload: Uint8Array = none;
      if (flags.payload !== undefined) {
        let json: unknown;
        try {
          json = JSON.parse(readFileSync(flags.payload, "utf8"));
        } catch (error) {
          throw new HostUsageError(`${flags.payload}: ${(error as Error).message}`);
        }
        payload = AttrContainer.fromJSON(json).toBytes();
      }
      return {
        kind,
        linkType: LinkMessageType.REQUEST,
        url: flags.request!,
        action,
        fmt: ATTR_CONTAINER,
        payload,
      };
    }
    case "register": {
      const event = flags.register!;
      const url = `${event.startsWith("/") ? "/event" : "/event/"}${event}`;
      return {
        kind,
        linkType: LinkMessageType.REQUEST,
        url,
        action: Action.PUT,
        fmt: ATTR_CONTAINER,
        payload: none,
      };
    }
    case "deregister":
      // host_tool's quirk kept: a leading "/" gives "/event//name".
      return {
        kind,
        linkType: LinkMessageType.REQUEST,
        url: `/event/${flags.deregister}`,
        action: Action.DELETE,
        fmt: ATTR_CONTAINER,
        payload: none,
      };
  }
}

/** Prints as host_tool does (and to `-o FILE`, `-U PORT`), or one JSON line per message with `--json`. */
function outputTo(flags: HostFlags) {
  const udp = flags.udp === undefined ? undefined : createSocket("udp4");
  const write = (text: string) => {
    process.stdout.write(text);
    if (flags.output !== undefined) appendFileSync(flags.output, text);
    udp?.send(text, flags.udp!, "127.0.0.1");
  };
  const payloadJson = (fmt: number, payload: Uint8Array) => {
    if (fmt !== ATTR_CONTAINER || payload.length === 0) return null;
    try {
      return AttrContainer.fromBytes(payload).toJSON();
    } catch {
      return null;
    }
  };
  const printed = (fmt: number, payload: Uint8Array) => {
    if (fmt !== ATTR_CONTAINER || payload.length === 0) return "";
    try {
      return printContainer(AttrContainer.fromBytes(payload));
    } catch {
      return "";
    }
  };
  return {
    response(status: number, fmt: number, payload: Uint8Array) {
      if (flags.json)
        write(`${JSON.stringify({ type: "response", status, fmt, payload: payloadJson(fmt, payload) })}\n`);
      else write(`\nresponse status ${status}\n${printed(fmt, payload)}`);
    },
    event(url: string, fmt: number, payload: Uint8Array) {
      if (flags.json)
        write(`${JSON.stringify({ type: "event", url, fmt, payload: payloadJson(fmt, payload) })}\n`);
      else write(`\nreceived an event ${url}\n${printed(fmt, payload)}`);
    },
    timeout() {
      write(flags.json ? `${JSON.stringify({ type: "timeout" })}\n` : "operation timeout\n");
    },
    close: () => udp?.close(),
  };
}

/** Runs one operation against a device; resolves with host_tool's exit code. */
export async function runHost(flags: HostFlags): Promise<number> {
  const operation = operationOf(flags);
  const timeoutMs = flags.timeout ?? 5000;
  const aliveMs = flags.alive ?? 0;
  let connection: LinkConnection;
  try {
    if (flags.uart_device !== undefined) {
      const baud = flags.baudrate ?? 115200;
      if (!BAUD_RATES.includes(baud)) throw new HostUsageError(`unsupported baud rate ${baud}`);
      connection = await openUart(flags.uart_device, baud);
    } else connection = await connectTcp(flags.address ?? "127.0.0.1", flags.port ?? 8888);
  } catch (error) {
    if (error instanceof HostUsageError) throw error;
    console.error(`microwasm host: cannot connect: ${(error as Error).message}`);
    return FAILURE_EXIT;
  }
  const out = outputTo(flags);
  const mid = (Math.random() * 0x100000000) >>> 0;
  const started = Date.now();
  const eventsToo = operation.kind === "register" || operation.kind === "deregister";
  return new Promise<number>((resolve) => {
    let status: number | undefined;
    let timer: NodeJS.Timeout;
    const finish = (code: number) => {
      clearTimeout(timer);
      connection.close();
      out.close();
      resolve(code);
    };
    timer = setTimeout(() => {
      out.timeout();
      finish(TIMEOUT_EXIT);
    }, timeoutMs);
    connection.onMessage((message) => {
      if (message === undefined) return; // as host_tool, wait for the timeout
      if (message.type === LinkMessageType.RESPONSE && status === undefined) {
        const response = unpackResponse(message.payload);
        if (response === undefined || response.mid !== mid) return;
        status = response.status;
        out.response(response.status, response.fmt, response.payload);
        clearTimeout(timer);
        // host_tool's alive time runs from the response for -s/-d, from the start otherwise.
        const left = eventsToo ? aliveMs : aliveMs - (Date.now() - started);
        if (left <= 0) finish(response.status);
        else timer = setTimeout(() => finish(response.status), left);
      } else if (message.type === LinkMessageType.REQUEST && eventsToo && status !== undefined) {
        const event = unpackRequest(message.payload);
        if (event !== undefined) out.event(event.url, event.fmt, event.payload);
      }
    });
    connection.send(
      operation.linkType,
      packRequest({
        action: operation.action,
        fmt: operation.fmt,
        mid,
        sender: 0,
        url: operation.url,
        payload: operation.payload,
      }),
    );
  });
}
