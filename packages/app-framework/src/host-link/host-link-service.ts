import { TransactionTimeoutError } from "../app-errors.js";
import type { AppManager, InstallOptions } from "../app-manager.js";
import { Action, Format, ID_APP_MGR, ID_HOST, Status } from "../codes.js";
import { packRequest, type RequestPacket, unpackRequest } from "../request-packet.js";
import { packResponse } from "../response-packet.js";
import { parseAppletUrl, splitUrl } from "./applet-url.js";
import { appletContainer, appletsContainer, errorContainer } from "./applets-info.js";
import { FrameReader, type OversizedFrame } from "./frame-reader.js";
import { encodeFrame, type LinkMessage, LinkMessageType } from "./link-frame.js";

/** What the service tells its embedder (a logger); `app` names the app a record concerns. */
export type HostLinkLog = (
  level: "debug" | "info" | "warn" | "error",
  record: { readonly app?: string; readonly [key: string]: unknown },
  message: string,
) => void;

export interface HostLinkOptions {
  readonly manager: AppManager;
  /** Largest app file an install may carry (default 16 MiB); a larger one gets 4.13 TOO_LARGE. */
  readonly maxInstallSize?: number;
  /** Cap on an install's `wd` (default 10000 ms): every app shares the host's event loop. */
  readonly maxWatchdogMs?: number;
  /** Requests one session may have waiting for apps at once (default 256); its later messages wait their turn. */
  readonly maxPendingPerSession?: number;
  /** Called after an install succeeded and before it is acknowledged; a throw undoes the install. */
  readonly onInstalled?: (name: string, bytes: Uint8Array, options: InstallOptions) => Promise<void> | void;
  /** Called after an uninstall, before it is acknowledged. */
  readonly onUninstalled?: (name: string) => Promise<void> | void;
  readonly log?: HostLinkLog;
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
const AOT_MAGIC = [0x00, 0x61, 0x6f, 0x74];
const hasMagic = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
/** The `/applets` update event's name as a host subscribes to it (`-s /applets` or `-s applets`). */
const APPLETS_EVENT = "applets";
const stripSlash = (url: string) => (url.startsWith("/") ? url.slice(1) : url);

/**
 * The device side of WAMR's host link (`app_manager_host.c` and `app_manager.c`) over an
 * `AppManager`: each transport connection is a session that feeds it packets (or raw framed
 * bytes) and gets responses (type 3) and events (type 2) back. `/applet` installs, uninstalls
 * and queries; `/event/<name>` subscribes the session; any other URL is a request to the apps.
 * Installs and uninstalls run one at a time, whichever session sends them.
 */
export class HostLinkService {
  readonly manager: AppManager;
  readonly maxInstallSize: number;
  private readonly options: HostLinkOptions;
  private readonly sessions = new Set<HostLinkSession>();
  private managing: Promise<unknown> = Promise.resolve();

  constructor(options: HostLinkOptions) {
    this.options = options;
    this.manager = options.manager;
    this.maxInstallSize = options.maxInstallSize ?? 16 * 1024 * 1024;
  }

  /**
   * A session on a packet transport (one link message at a time, e.g. MQTT). `onSubscriptions`
   * hears the session's event subscriptions after each change, and the change is acknowledged
   * once it resolves (a transport whose host outlives the device's restarts saves them there,
   * and gives them back with `session.subscribe`).
   */
  open(
    send: (message: LinkMessage) => void,
    label = "host",
    onSubscriptions?: (events: readonly string[]) => void | Promise<void>,
  ): HostLinkSession {
    const session = new HostLinkSession(this, send, label, onSubscriptions);
    this.sessions.add(session);
    return session;
  }

  /** A session on a byte stream (TCP, UART): `push` raw bytes in, framed bytes come out through `write`. */
  openStream(write: (bytes: Uint8Array) => void, label = "host"): HostLinkStream {
    const session = this.open((message) => write(encodeFrame(message.type, message.payload)), label);
    // Room for the request header and a URL of any length on top of the largest app.
    return new HostLinkStream(session, this.maxInstallSize + 18 + 0x10000);
  }

  /** Sessions open now. */
  get sessionCount(): number {
    return this.sessions.size;
  }

  /** @internal */
  forget(session: HostLinkSession): void {
    this.sessions.delete(session);
  }

  /** @internal */
  get maxPendingPerSession(): number {
    return this.options.maxPendingPerSession ?? 256;
  }

  /** @internal */
  log(
    level: "debug" | "info" | "warn" | "error",
    record: { app?: string; [key: string]: unknown },
    message: string,
  ) {
    this.options.log?.(level, record, message);
  }

  /** @internal Runs installs and uninstalls one after another. */
  serialize<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.managing.then(operation, operation);
    this.managing = result.catch(() => undefined);
    return result;
  }

  /** @internal Installs from a request packet; returns the status and message to answer with. */
  async install(request: RequestPacket): Promise<{ status: number; message?: string }> {
    const params = parseAppletUrl(request.url);
    const name = params.name;
    const fail = (message: string, status: number = Status.INTERNAL_SERVER_ERROR) => ({
      status,
      message: `Install WASM app failed: ${message}`,
    });
    if (name === undefined || name === "") return fail("no app name.");
    if (params.type !== undefined && params.type !== "wasm")
      return fail(`app type "${params.type}" is not supported (only wasm).`);
    for (const key of ["heap", "timers", "wd"] as const)
      if (Number.isNaN(params[key])) return fail(`invalid ${key}.`);
    const bytes = request.payload;
    if (bytes.length > this.maxInstallSize)
      return fail(`the app is larger than ${this.maxInstallSize} bytes.`, Status.TOO_LARGE);
    if (hasMagic(bytes, AOT_MAGIC)) return fail("AoT files are not supported, only wasm.");
    if (bytes.length < 8 || !hasMagic(bytes, WASM_MAGIC)) return fail("invalid file format.");
    const options: { -readonly [K in keyof InstallOptions]: InstallOptions[K] } = {};
    if (params.heap !== undefined) options.heapSize = params.heap;
    if (params.timers !== undefined) options.maxTimers = params.timers;
    if (params.wd !== undefined)
      options.watchdogMs = Math.min(params.wd, this.options.maxWatchdogMs ?? 10_000);
    return this.serialize(async () => {
      try {
        await this.manager.install(name, bytes, options);
      } catch (error) {
        return { status: Status.INTERNAL_SERVER_ERROR, message: (error as Error).message };
      }
      try {
        await this.options.onInstalled?.(name, bytes, options);
      } catch (error) {
        await this.manager.uninstall(name).catch(() => undefined);
        return fail(`could not save the app: ${(error as Error).message}`);
      }
      this.log("info", { app: name, bytes: bytes.length, ...options }, "Install WASM app success!");
      this.appletsChanged();
      return { status: Status.CREATED };
    });
  }

  /** @internal */
  async uninstall(request: RequestPacket): Promise<{ status: number; message?: string }> {
    const { name, type } = parseAppletUrl(request.url);
    if (type !== undefined && type !== "wasm")
      return { status: Status.INTERNAL_SERVER_ERROR, message: "Uninstall WASM app failed: no app found." };
    return this.serialize(async () => {
      try {
        await this.manager.uninstall(name ?? "");
      } catch (error) {
        return { status: Status.INTERNAL_SERVER_ERROR, message: (error as Error).message };
      }
      try {
        await this.options.onUninstalled?.(name ?? "");
      } catch (error) {
        this.log("error", { app: name, error: (error as Error).message }, "could not remove the saved app");
      }
      this.log("info", { app: name }, "Uninstall WASM app success!");
      this.appletsChanged();
      return { status: Status.DELETED };
    });
  }

  /** Sends the `/applets` update event to every session subscribed to it, as WAMR does after each install and uninstall. */
  private appletsChanged(): void {
    const payload = appletsContainer(this.manager.query(), "All Applets");
    for (const session of this.sessions) session.sendApplets(payload);
  }
}

/**
 * One host connection. Its event subscriptions end when it closes (WAMR keeps the host's
 * subscriptions past a disconnect and writes into nothing; with several hosts each gets what
 * it asked for).
 */
export class HostLinkSession {
  readonly label: string;
  private readonly service: HostLinkService;
  private readonly send: (message: LinkMessage) => void;
  private readonly subscriptions = new Map<string, () => void>();
  private pending = 0;
  private closed = false;
  private inOrder: Promise<void> = Promise.resolve();
  private readonly slots: (() => void)[] = [];
  private waiting = 0;
  private readonly drainWaiters: (() => void)[] = [];

  private readonly onSubscriptions: ((events: readonly string[]) => void | Promise<void>) | undefined;

  constructor(
    service: HostLinkService,
    send: (message: LinkMessage) => void,
    label: string,
    onSubscriptions?: (events: readonly string[]) => void | Promise<void>,
  ) {
    this.service = service;
    this.send = send;
    this.label = label;
    this.onSubscriptions = onSubscriptions;
  }

  /** The events the session is subscribed to, in the order it subscribed. */
  get events(): string[] {
    return [...this.subscriptions.keys()];
  }

  /**
   * Subscribes the session to an event as `PUT /event/<event>` does, without a request and
   * without an answer: how a transport gives a session back the subscriptions it saved.
   */
  subscribe(event: string): void {
    if (this.closed || this.subscriptions.has(event)) return;
    const unsubscribe =
      event === APPLETS_EVENT
        ? () => undefined
        : this.service.manager.subscribe(event, (e) => this.sendEvent(e.url, e.fmt, e.payload));
    this.subscriptions.set(event, unsubscribe);
  }

  /** Ends the session's subscription to an event (`DELETE /event/<event>`). */
  unsubscribe(event: string): void {
    this.subscriptions.get(event)?.();
    this.subscriptions.delete(event);
  }

  /**
   * Handles one link message from the host (never rejects). A session's messages take effect in
   * the order they came, as on WAMR's one app-manager thread: a request sent right after an
   * install reaches the installed app. Requests to apps are only dispatched in order; their
   * answers come back as the apps give them.
   */
  receive(message: LinkMessage): Promise<void> {
    this.waiting++;
    const handled = this.inOrder.then(() => {
      this.waiting--;
      if (this.waiting === 0) for (const resolve of this.drainWaiters.splice(0)) resolve();
      return this.handle(message);
    });
    this.inOrder = handled.catch((error: Error) => {
      this.service.log("error", { session: this.label, error: error.message }, "host message failed");
    });
    return this.inOrder;
  }

  /** Messages received and not yet handled (a transport pauses its input while this is high). */
  get backlog(): number {
    return this.waiting;
  }

  /** Resolves when every message received so far has been taken up. */
  drained(): Promise<void> {
    if (this.waiting === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Answers a frame too large to read (its first bytes only): 4.13 TOO_LARGE to its mid. */
  rejectOversized(frame: OversizedFrame): void {
    this.service.log(
      "warn",
      { session: this.label, bytes: frame.length },
      "host message over the size limit",
    );
    if (frame.head.length < 8) return;
    const mid = new DataView(frame.head.buffer, frame.head.byteOffset).getUint32(4);
    this.reply(
      { mid },
      Status.TOO_LARGE,
      `Install WASM app failed: the message is larger than ${this.service.maxInstallSize} bytes.`,
    );
  }

  private async handle(message: LinkMessage): Promise<void> {
    if (this.closed) return;
    if (message.type !== LinkMessageType.REQUEST && message.type !== LinkMessageType.INSTALL_WASM_APP) {
      this.service.log("warn", { session: this.label, type: message.type }, "unexpected host msg type");
      return;
    }
    const request = unpackRequest(message.payload);
    if (request === undefined) {
      // WAMR drops a malformed packet silently; its mid (if there is one) lets us say why.
      this.service.log(
        "warn",
        { session: this.label, bytes: message.payload.length },
        "malformed request packet",
      );
      if (message.payload.length >= 8) {
        const mid = new DataView(message.payload.buffer, message.payload.byteOffset).getUint32(4);
        this.reply({ mid }, Status.BAD_REQUEST, "malformed request packet");
      }
      return;
    }
    const { path } = splitUrl(request.url);
    if (message.type === LinkMessageType.INSTALL_WASM_APP) {
      if (request.action !== Action.PUT || path !== "/applet") {
        this.reply(request, Status.BAD_REQUEST, "an install packet must be PUT /applet");
        return;
      }
      return this.answer(request, this.service.install(request));
    }
    if (path === "/applet") {
      if (request.action === Action.PUT) return this.answer(request, this.service.install(request));
      if (request.action === Action.DELETE) return this.answer(request, this.service.uninstall(request));
      if (request.action === Action.GET) return this.query(request);
      this.reply(request, Status.METHOD_NOT_ALLOWED, "/applet takes PUT, GET and DELETE");
      return;
    }
    if (request.url.startsWith("/event/")) return this.subscription(request);
    return this.forward(request);
  }

  /** Ends the session: its subscriptions go, answers still on their way are dropped. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const unsubscribe of this.subscriptions.values()) unsubscribe();
    this.subscriptions.clear();
    this.service.forget(this);
  }

  /** @internal */
  sendApplets(payload: Uint8Array): void {
    if (!this.subscriptions.has(APPLETS_EVENT)) return;
    this.sendEvent("/applets", Format.ATTR_CONTAINER, payload);
  }

  private async answer(request: RequestPacket, outcome: Promise<{ status: number; message?: string }>) {
    const { status, message } = await outcome;
    this.reply(request, status, message);
  }

  private query(request: RequestPacket): void {
    const { name } = parseAppletUrl(request.url);
    const apps = this.service.manager.query();
    if (name === undefined) {
      this.respond(request, Status.CONTENT, Format.ATTR_CONTAINER, appletsContainer(apps, "Applets Info"));
      return;
    }
    const app = apps.find((a) => a.name === name);
    if (app === undefined) this.reply(request, Status.INTERNAL_SERVER_ERROR, "the app is not found.");
    else this.respond(request, Status.CONTENT, Format.ATTR_CONTAINER, appletContainer(app));
  }

  private async subscription(request: RequestPacket): Promise<void> {
    const event = stripSlash(request.url.slice("/event/".length));
    if (event === "") {
      this.reply(request, Status.BAD_REQUEST, "no event name");
      return;
    }
    if (request.action === Action.PUT || request.action === Action.DELETE) {
      const had = this.subscriptions.has(event);
      if (request.action === Action.PUT) this.subscribe(event);
      else this.unsubscribe(event);
      // Saved before it is acknowledged, as an install is.
      if (had !== this.subscriptions.has(event)) {
        try {
          await this.onSubscriptions?.(this.events);
        } catch (error) {
          // Not saved, not done: the session stays as the host last knew it.
          if (request.action === Action.PUT) this.unsubscribe(event);
          else this.subscribe(event);
          this.service.log(
            "error",
            { session: this.label, error: (error as Error).message },
            "subscriptions not saved",
          );
          this.reply(request, Status.INTERNAL_SERVER_ERROR, "the subscription could not be saved");
          return;
        }
      }
      this.service.log("debug", { session: this.label, event, action: request.action }, "host subscription");
      this.reply(request, Status.CONTENT);
    } else {
      this.reply(request, Status.METHOD_NOT_ALLOWED, "/event/ takes PUT and DELETE");
    }
  }

  /**
   * Dispatches a request to the apps; its answer goes back when the app gives it (or its
   * transaction times out). Past `maxPendingPerSession` requests in flight, the session's later
   * messages wait for a free slot: a flooding host is slowed, not refused.
   */
  private async forward(request: RequestPacket): Promise<void> {
    while (this.pending >= this.service.maxPendingPerSession)
      await new Promise<void>((resolve) => this.slots.push(resolve));
    this.pending++;
    this.service.manager
      .request({ url: request.url, action: request.action, payload: request.payload, fmt: request.fmt })
      .then(
        (response) => this.respond(request, response.status, response.fmt, response.payload),
        (error: Error) => {
          if (error instanceof TransactionTimeoutError)
            this.reply(request, Status.GATEWAY_TIMEOUT, error.message);
          else this.reply(request, Status.INTERNAL_SERVER_ERROR, error.message);
        },
      )
      .finally(() => {
        this.pending--;
        this.slots.shift()?.();
      });
  }

  private sendEvent(url: string, fmt: number, payload: Uint8Array): void {
    if (this.closed) return;
    const packet = packRequest({ action: Action.EVENT, fmt, mid: 0, sender: ID_APP_MGR, url, payload });
    this.send({ type: LinkMessageType.REQUEST, payload: packet });
  }

  /** Answers with a status and, for an error, WAMR's `{"error message": …}` payload. */
  private reply(request: { readonly mid: number }, status: number, message?: string): void {
    if (message === undefined) this.respond(request, status, 0, new Uint8Array(0));
    else this.respond(request, status, Format.ATTR_CONTAINER, errorContainer(message));
  }

  private respond(request: { readonly mid: number }, status: number, fmt: number, payload: Uint8Array): void {
    if (this.closed) return;
    const packet = packResponse({ status, fmt, mid: request.mid, receiver: ID_HOST, payload });
    this.send({ type: LinkMessageType.RESPONSE, payload: packet });
  }
}

/** A session fed a byte stream: frames are read from it, answers framed back. */
export class HostLinkStream {
  readonly session: HostLinkSession;
  private readonly reader: FrameReader;

  constructor(session: HostLinkSession, maxPayload?: number) {
    this.session = session;
    this.reader = new FrameReader({
      maxPayload: maxPayload ?? Number.MAX_SAFE_INTEGER,
      onFrame: (message) => void session.receive(message),
      onOversized: (frame) => session.rejectOversized(frame),
    });
  }

  push(chunk: Uint8Array): void {
    this.reader.push(chunk);
  }

  /** True when the stream ended in the middle of a frame (a client gone mid-install). */
  get cutShort(): boolean {
    return this.reader.midFrame;
  }

  close(): void {
    this.session.close();
  }
}
