import { AttrContainer } from "@microwasm/attr-container";
import { libcBuiltinNatives } from "@microwasm/libc-builtin";
import { type ExecEnv, type LoadedModule, type ModuleInstance, Runtime } from "@microwasm/runtime";
import { AppInstallError, AppNotFoundError, TransactionTimeoutError } from "./app-errors.js";
import type { AppExtension, AppExtensionHost } from "./app-extension.js";
import {
  type AppLimits,
  DEFAULT_HEAP_SIZE,
  DEFAULT_LIMITS,
  DEFAULT_TIMERS_PER_APP,
  DEFAULT_WATCHDOG_MS,
} from "./app-limits.js";
import { appNatives } from "./app-natives.js";
import { AppTimers } from "./app-timers.js";
import { type Clock, systemClock } from "./clock.js";
import { Action, type ActionName, Format, ID_HOST, ID_NONE, Status } from "./codes.js";
import { connectionNatives } from "./connection-natives.js";
import type { AppConnection, ConnectionOpener } from "./connections.js";
import { type AppMessage, type AppState, type EntryName, InstalledApp } from "./installed-app.js";
import { packRequest, type RequestPacket, unpackRequest } from "./request-packet.js";
import { packResponse, type ResponsePacket, unpackResponse } from "./response-packet.js";
import { urlMatches } from "./url-match.js";

export interface AppManagerOptions {
  /** The runtime apps are loaded on (default: a new one); the manager registers its natives and libc-builtin's under "env". */
  readonly runtime?: Runtime;
  /** Time for timers, ticks and transaction timeouts (default: the host's event loop). */
  readonly clock?: Clock;
  readonly limits?: Partial<AppLimits>;
  /** Where an app's printf/puts/putchar go (default: the process's stdout). */
  readonly stdout?: (app: string, bytes: Uint8Array) => void;
  /** Opens the connections apps ask for (`wasm_open_connection`); default: every one refused. */
  readonly connections?: ConnectionOpener;
  /** Framework extensions (sensors, …): their natives join the apps' "env". */
  readonly extensions?: readonly AppExtension[];
}

export interface InstallOptions {
  /** App heap bytes (default 8192, clamped to the limits as WAMR does). */
  readonly heapSize?: number;
  /** Timers the app may hold at once (default 20, at most `maxTimersPerApp`). */
  readonly maxTimers?: number;
  /** Wall-clock limit of each handler call (default 1000 ms; WAMR's 180000 is inert for wasm apps). */
  readonly watchdogMs?: number;
  /** Fuel of each handler call (about one unit per instruction); default none. */
  readonly fuel?: number;
}

export interface AppInfo {
  readonly id: number;
  readonly name: string;
  readonly heapSize: number;
  readonly state: AppState;
  /** Why the app failed (the trap or the watchdog's message). */
  readonly failure?: string;
  readonly resources: readonly string[];
  readonly subscriptions: readonly string[];
  readonly timers: number;
  readonly queued: number;
}

export interface HostRequest {
  readonly url: string;
  readonly action: number | ActionName;
  readonly payload?: Uint8Array;
  readonly fmt?: number;
  /** Default: the manager's `transactionTimeoutMs`. */
  readonly timeoutMs?: number;
}

export interface HostResponse {
  readonly status: number;
  readonly fmt: number;
  readonly payload: Uint8Array;
}

export interface AppEvent {
  /** The event URL as published (e.g. "alert/overheat"). */
  readonly url: string;
  readonly fmt: number;
  readonly payload: Uint8Array;
  /** The publishing app's name; undefined for the host's own `publish`. */
  readonly sender: string | undefined;
}

export interface AppFailure {
  readonly name: string;
  readonly reason: string;
}

interface ManagerEvents {
  event: AppEvent;
  "app-failed": AppFailure;
}

interface HostTransaction {
  readonly resolve: (response: HostResponse) => void;
  readonly reject: (error: Error) => void;
  readonly timer: unknown;
}

/** Messages one drain handles before it yields to the event loop (a chatty app cannot starve the host). */
const DRAIN_BUDGET = 4096;
const defer: (callback: () => void) => void =
  (globalThis as { setImmediate?: (callback: () => void) => void }).setImmediate ??
  ((callback) => setTimeout(callback, 0));

function readContainer(bytes: Uint8Array): AttrContainer | undefined {
  try {
    return AttrContainer.fromBytes(bytes);
  } catch {
    return undefined;
  }
}

const stripSlash = (url: string) => (url.startsWith("/") ? url.slice(1) : url);

/**
 * WAMR's app manager without a transport: installs apps (each its own instance and memory on
 * the runtime), routes requests by URL (WAMR's prefix rule, `/app/<name>/…` addressing), fans
 * events out to apps and the host, drives the apps' timers from `clock`, and gives each app
 * its messages one at a time from its own queue. Every handler call runs under the app's
 * watchdog (a wall-clock limit, and fuel if asked): an app that traps or overruns is marked
 * failed (its timers, resources and subscriptions go, its pending requests are answered with
 * an error) and the others keep running. Unlike WAMR, an unmatched URL gets 4.04 NOT_FOUND.
 */
export class AppManager {
  readonly runtime: Runtime;
  readonly clock: Clock;
  readonly limits: AppLimits;
  private readonly apps = new Map<string, InstalledApp>();
  private readonly byInstance = new Map<ModuleInstance, InstalledApp>();
  private readonly byId = new Map<number, InstalledApp>();
  /** Every registered resource URL with its app, newest first (WAMR's list is LIFO). */
  private readonly resources: { url: string; app: InstalledApp }[] = [];
  private readonly hostSubscriptions = new Map<string, Set<(event: AppEvent) => void>>();
  private readonly listeners: { [K in keyof ManagerEvents]: Set<(value: ManagerEvents[K]) => void> } = {
    event: new Set(),
    "app-failed": new Set(),
  };
  private readonly transactions = new Map<number, HostTransaction>();
  private readonly openConnections = new Map<number, { app: InstalledApp; connection: AppConnection }>();
  private readonly connectionOpener: ConnectionOpener | undefined;
  private readonly extensions: readonly AppExtension[];
  private nextConnection = 1;
  private nextAppId = 1;
  private nextMid = 1;
  private current: InstalledApp | undefined;
  private drainScheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(options: AppManagerOptions = {}) {
    this.runtime = options.runtime ?? new Runtime();
    this.clock = options.clock ?? systemClock;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.connectionOpener = options.connections;
    this.extensions = options.extensions ?? [];
    const stdout = options.stdout;
    const runningApp = (env: ExecEnv) => {
      const app = this.byInstance.get(env.moduleInstance);
      return app?.running ? app : undefined;
    };
    const extensionHost: AppExtensionHost = {
      clock: this.clock,
      appOf: (env) => runningApp(env)?.name,
      post: (name, entry, id, data) => {
        const app = this.apps.get(name);
        if (!app?.running) return false;
        this.enqueue(app, { kind: "buffer", entry, id, data });
        return true;
      },
    };
    this.runtime.registerNatives("env", [
      ...libcBuiltinNatives(
        stdout === undefined ? {} : { stdout: (bytes) => stdout(this.current?.name ?? "", bytes) },
      ),
      ...appNatives({
        appOf: runningApp,
        registerResource: (app, url) => this.registerResource(app, url),
        subscribeEvent: (app, url) => {
          if (url.length <= this.limits.maxUrlLength) app.subscriptions.add(url);
        },
        postRequest: (app, packet) => this.postFromApp(app, packet),
        sendResponse: (_app, packet) => {
          const response = unpackResponse(packet);
          if (response === undefined) return false;
          this.deliverResponse(response);
          return true;
        },
        tickMs: () => Math.floor(this.clock.now()) >>> 0,
      }),
      ...connectionNatives({
        appOf: runningApp,
        open: (app, kind, args) => this.openConnection(app, kind, args),
        close: (app, handle) => this.closeConnection(app, handle),
        send: (app, handle, bytes) => {
          const open = this.openConnections.get(handle);
          return open?.app === app ? open.connection.send(Uint8Array.from(bytes)) : -1;
        },
        configure: (app, handle, args) => {
          const open = this.openConnections.get(handle);
          const container = readContainer(args);
          return (
            open?.app === app && container !== undefined && (open.connection.configure?.(container) ?? false)
          );
        },
      }),
      ...this.extensions.flatMap((extension) => extension.natives(extensionHost)),
    ]);
  }

  // ---- installing ----

  /** Installs `bytes` as app `name` and calls its `on_init`; throws `AppInstallError`. */
  async install(name: string, bytes: Uint8Array, options: InstallOptions = {}): Promise<void> {
    const limits = this.limits;
    if (name.length === 0 || name.length > limits.maxNameLength || name.includes("/") || name.includes("?"))
      throw new AppInstallError(`Install WASM app failed: invalid app name "${name}".`);
    if (this.apps.has(name))
      throw new AppInstallError(`Install WASM app failed: app "${name}" already installed.`);
    if (this.apps.size >= limits.maxApps)
      throw new AppInstallError("Install WASM app failed: exceed max app installations.");
    const heapSize = Math.min(
      limits.maxHeapSize,
      Math.max(limits.minHeapSize, options.heapSize ?? DEFAULT_HEAP_SIZE),
    );
    const maxTimers = Math.min(
      limits.maxTimersPerApp,
      Math.max(0, options.maxTimers ?? DEFAULT_TIMERS_PER_APP),
    );
    const watchdogMs = options.watchdogMs ?? DEFAULT_WATCHDOG_MS;

    let module: LoadedModule;
    let instance: ModuleInstance;
    try {
      module = this.runtime.load(bytes);
    } catch (error) {
      throw new AppInstallError(`Install WASM app failed: ${(error as Error).message}`, { cause: error });
    }
    try {
      instance = module.instantiate({ stackSize: limits.stackSize, heapSize });
    } catch (error) {
      module.unload();
      throw new AppInstallError(`Install WASM app failed: ${(error as Error).message}`, { cause: error });
    }
    let env: ExecEnv;
    try {
      env = instance.createExecEnv(limits.stackSize);
    } catch (error) {
      instance.deinstantiate();
      module.unload();
      throw new AppInstallError(`Install WASM app failed: ${(error as Error).message}`, { cause: error });
    }
    env.setTimeout(watchdogMs);
    if (options.fuel !== undefined) env.setInstructionCountLimit(options.fuel);
    const id = this.nextAppId++;
    const timers = new AppTimers(this.clock, maxTimers, (timerId) =>
      this.enqueue(app, { kind: "timer", id: timerId }),
    );
    const app = new InstalledApp(id, name, heapSize, watchdogMs, module, instance, env, timers);
    if (app.entry("on_init") === undefined) {
      this.release(app);
      throw new AppInstallError("Install WASM app failed: Cannot find function on_init().");
    }
    this.apps.set(name, app);
    this.byInstance.set(instance, app);
    this.byId.set(id, app);
    if (!this.callEntry(app, "on_init", [])) {
      const reason = app.failure ?? "on_init failed";
      this.remove(app);
      throw new AppInstallError(`Install WASM app failed: on_init: ${reason}`);
    }
  }

  /** Calls the app's `on_destroy` (unless it failed) and removes it with its timers, resources and subscriptions. */
  async uninstall(name: string): Promise<void> {
    const app = this.apps.get(name);
    if (app === undefined) throw new AppNotFoundError(`Uninstall WASM app failed: no app found.`);
    if (app.running && app.entry("on_destroy") !== undefined) this.callEntry(app, "on_destroy", []);
    this.remove(app);
  }

  /** The installed apps, newest first (as WAMR's query lists them). */
  query(): AppInfo[] {
    return [...this.apps.values()].reverse().map((app) => ({
      id: app.id,
      name: app.name,
      heapSize: app.heapSize,
      state: app.state,
      ...(app.failure === undefined ? {} : { failure: app.failure }),
      resources: [...app.resources],
      subscriptions: [...app.subscriptions],
      timers: app.timers.size,
      queued: app.queue.length,
    }));
  }

  /** Uninstalls every app, then closes the extensions. */
  async close(): Promise<void> {
    for (const name of [...this.apps.keys()].reverse()) await this.uninstall(name);
    for (const extension of this.extensions) extension.close?.();
  }

  // ---- requests and events from the host ----

  /**
   * Sends a request as the host and waits for its response; rejects with
   * `TransactionTimeoutError` when none comes in time (an app that ignores the request).
   */
  request(request: HostRequest): Promise<HostResponse> {
    const action = typeof request.action === "number" ? request.action : Action[request.action];
    const mid = this.nextMid;
    this.nextMid = (this.nextMid + 1) >>> 0 || 1;
    const timeoutMs = request.timeoutMs ?? this.limits.transactionTimeoutMs;
    return new Promise<HostResponse>((resolve, reject) => {
      const timer = this.clock.schedule(() => {
        this.transactions.delete(mid);
        reject(
          new TransactionTimeoutError(`operation timeout: ${request.url} got no response in ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.transactions.set(mid, { resolve, reject, timer });
      this.route({
        action,
        fmt: request.fmt ?? (request.payload === undefined ? 0 : Format.ATTR_CONTAINER),
        mid,
        sender: ID_HOST,
        url: request.url,
        payload: request.payload ?? new Uint8Array(0),
      });
    });
  }

  /** Publishes an event as the host: to every app subscribed to `url` and the host's own listeners. */
  publish(url: string, payload: Uint8Array = new Uint8Array(0), fmt: number = Format.ATTR_CONTAINER): void {
    this.publishEvent({ action: Action.EVENT, fmt, mid: 0, sender: ID_HOST, url, payload }, undefined);
  }

  /** Calls `listener` for each event published to `url` (a leading "/" does not matter); returns the unsubscribe. */
  subscribe(url: string, listener: (event: AppEvent) => void): () => void {
    const key = stripSlash(url);
    let set = this.hostSubscriptions.get(key);
    if (set === undefined) {
      set = new Set();
      this.hostSubscriptions.set(key, set);
    }
    set.add(listener);
    return () => void set.delete(listener);
  }

  /** `"event"`: every event published; `"app-failed"`: an app trapped or overran its watchdog. Returns the off switch. */
  on<K extends keyof ManagerEvents>(type: K, listener: (value: ManagerEvents[K]) => void): () => void {
    const set = this.listeners[type] as Set<(value: ManagerEvents[K]) => void>;
    set.add(listener);
    return () => void set.delete(listener);
  }

  /** Resolves once every app's queue is empty. */
  settle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  // ---- routing ----

  private registerResource(app: InstalledApp, url: string): void {
    // WAMR fails silently on a duplicate (whichever app owns it), a full table or a long URL.
    if (url.length > this.limits.maxUrlLength || app.resources.length >= this.limits.maxResourcesPerApp)
      return;
    if (this.resources.some((r) => r.url === url)) return;
    app.resources.push(url);
    this.resources.unshift({ url, app });
  }

  private postFromApp(app: InstalledApp, packet: Uint8Array): void {
    const request = unpackRequest(packet);
    if (request === undefined) return;
    const fromApp = { ...request, sender: app.id };
    if (request.action === Action.EVENT) this.publishEvent(fromApp, app);
    else this.route(fromApp);
  }

  /** Finds the app for a request and queues it there; answers 4.04 when nothing serves the URL. */
  private route(request: RequestPacket): void {
    let target: InstalledApp | undefined;
    let url = request.url;
    if (url.startsWith("/app/")) {
      const rest = url.slice("/app/".length);
      const slash = rest.search(/[/?]/);
      target = this.apps.get(slash < 0 ? rest : rest.slice(0, slash));
      url = slash < 0 ? "" : rest.slice(rest[slash] === "/" ? slash + 1 : slash);
    } else {
      target = this.resources.find((r) => urlMatches(r.url, url))?.app;
    }
    if (target === undefined) {
      this.answer(request, Status.NOT_FOUND, `no app serves ${request.url}`);
      return;
    }
    if (!target.running) {
      this.answer(request, Status.SERVICE_UNAVAILABLE, `app ${target.name} failed`);
      return;
    }
    const packet = url === request.url ? packRequest(request) : packRequest({ ...request, url });
    this.enqueue(target, { kind: "request", packet, mid: request.mid, sender: request.sender, event: false });
  }

  private publishEvent(event: RequestPacket, publisher: InstalledApp | undefined): void {
    const packet = packRequest(event);
    for (const app of this.apps.values())
      if (app.running && app.subscriptions.has(event.url))
        this.enqueue(app, { kind: "request", packet, mid: event.mid, sender: event.sender, event: true });
    const hostListeners = this.hostSubscriptions.get(stripSlash(event.url));
    if (hostListeners === undefined && this.listeners.event.size === 0) return;
    const appEvent: AppEvent = {
      url: event.url,
      fmt: event.fmt,
      payload: event.payload,
      sender: publisher?.name,
    };
    // Out of the publisher's call: a listener's throw must not become the app's trap.
    queueMicrotask(() => {
      for (const listener of [...(hostListeners ?? []), ...this.listeners.event]) listener(appEvent);
    });
  }

  /** Sends a response to the request's sender: the host's transaction, or the requesting app's queue. */
  private deliverResponse(response: ResponsePacket): void {
    if (response.receiver === ID_HOST) {
      const transaction = this.transactions.get(response.mid);
      if (transaction === undefined) return;
      this.transactions.delete(response.mid);
      this.clock.cancel(transaction.timer);
      transaction.resolve({ status: response.status, fmt: response.fmt, payload: response.payload });
      return;
    }
    const app = this.byId.get(response.receiver);
    if (app?.running) this.enqueue(app, { kind: "response", packet: packResponse(response) });
  }

  /** Answers a request in the manager's name, with WAMR's error payload ({"error message": …}). */
  private answer(request: { mid: number; sender: number }, status: number, message: string): void {
    const payload = new AttrContainer("").set("error message", message).toBytes();
    this.deliverResponse({
      status,
      fmt: Format.ATTR_CONTAINER,
      mid: request.mid,
      receiver: request.sender,
      payload,
    });
  }

  // ---- connections ----

  private openConnection(app: InstalledApp, kind: string, argBytes: Uint8Array): number {
    const args = readContainer(argBytes);
    if (this.connectionOpener === undefined || args === undefined) return ID_NONE;
    const handle = this.nextConnection++;
    const sink = {
      data: (bytes: Uint8Array) => {
        if (this.openConnections.has(handle) && bytes.length > 0)
          this.enqueue(app, {
            kind: "buffer",
            entry: "on_connection_data",
            id: handle,
            data: Uint8Array.from(bytes),
          });
      },
      closed: () => {
        if (this.openConnections.delete(handle))
          this.enqueue(app, {
            kind: "buffer",
            entry: "on_connection_data",
            id: handle,
            data: new Uint8Array(0),
          });
      },
    };
    let connection: AppConnection | undefined;
    try {
      connection = this.connectionOpener({ app: app.name, kind, args }, sink);
    } catch {
      connection = undefined;
    }
    if (connection === undefined) return ID_NONE;
    this.openConnections.set(handle, { app, connection });
    return handle;
  }

  private closeConnection(app: InstalledApp, handle: number): void {
    const open = this.openConnections.get(handle);
    if (open?.app !== app) return;
    this.openConnections.delete(handle);
    open.connection.close();
  }

  // ---- the apps' queues ----

  private get busy(): boolean {
    for (const app of this.apps.values()) if (app.queue.length > 0) return true;
    return false;
  }

  private enqueue(app: InstalledApp, message: AppMessage): void {
    if (!app.running) return;
    app.queue.push(message);
    if (!this.drainScheduled) {
      this.drainScheduled = true;
      defer(() => this.drain());
    }
  }

  /** Gives each app with work one message in turn, until the queues are empty or the budget is spent. */
  private drain(): void {
    this.drainScheduled = false;
    let budget = DRAIN_BUDGET;
    let handled = true;
    while (handled && budget > 0) {
      handled = false;
      for (const app of [...this.apps.values()]) {
        const message = app.queue.shift();
        if (message === undefined) continue;
        handled = true;
        budget--;
        this.handle(app, message);
      }
    }
    if (this.busy) {
      if (!this.drainScheduled) {
        this.drainScheduled = true;
        defer(() => this.drain());
      }
      return;
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private handle(app: InstalledApp, message: AppMessage): void {
    if (!app.running) return;
    if (message.kind === "timer") {
      this.callEntry(app, "on_timer_callback", [message.id]);
      return;
    }
    if (message.kind === "buffer") {
      // A zero length is a call without a buffer (a connection's disconnect).
      if (message.data.length === 0) {
        this.callEntry(app, message.entry, [message.id, 0, 0]);
        return;
      }
      const at = app.instance.moduleDupData(message.data);
      if (at !== 0 && this.callEntry(app, message.entry, [message.id, at, message.data.length]))
        app.instance.moduleFree(at);
      return;
    }
    const entry: EntryName = message.kind === "request" ? "on_request" : "on_response";
    if (app.entry(entry) === undefined) return;
    const at = app.instance.moduleDupData(message.packet);
    if (at === 0) {
      if (message.kind === "request" && !message.event)
        this.answer(message, Status.MEMORY_ALLOCATION_ERROR, `app ${app.name}: app heap full`);
      return;
    }
    const ok = this.callEntry(app, entry, [at, message.packet.length]);
    if (ok) app.instance.moduleFree(at);
    else if (message.kind === "request" && !message.event)
      this.answer(message, Status.INTERNAL_SERVER_ERROR, `app ${app.name} failed: ${app.failure}`);
  }

  /** Calls an entry point under the app's watchdog; a trap or an overrun fails the app (false). */
  private callEntry(app: InstalledApp, name: EntryName, args: number[]): boolean {
    const fn = app.entry(name);
    if (fn === undefined) return true;
    const outer = this.current;
    this.current = app;
    try {
      app.env.call(fn, args);
      return true;
    } catch (error) {
      this.fail(app, error instanceof Error ? error.message : String(error));
      return false;
    } finally {
      this.current = outer;
    }
  }

  // ---- failure and removal ----

  private fail(app: InstalledApp, reason: string): void {
    if (!app.running) return;
    app.state = "failed";
    app.failure = reason;
    this.dropWork(app);
    for (const listener of [...this.listeners["app-failed"]]) listener({ name: app.name, reason });
  }

  /** Stops the app's timers, drops its resources and subscriptions, answers what it had queued. */
  private dropWork(app: InstalledApp): void {
    app.timers.clear();
    for (const [handle, open] of [...this.openConnections])
      if (open.app === app) this.closeConnection(app, handle);
    for (let i = this.resources.length - 1; i >= 0; i--)
      if (this.resources[i]!.app === app) this.resources.splice(i, 1);
    app.resources.length = 0;
    app.subscriptions.clear();
    for (const extension of this.extensions) extension.appStopped?.(app.name);
    for (const message of app.queue.drain())
      if (message.kind === "request" && !message.event)
        this.answer(message, Status.SERVICE_UNAVAILABLE, `app ${app.name} is gone`);
  }

  private remove(app: InstalledApp): void {
    if (app.running) app.state = "failed";
    this.dropWork(app);
    this.apps.delete(app.name);
    this.byInstance.delete(app.instance);
    this.byId.delete(app.id);
    this.release(app);
    if (!this.busy) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private release(app: InstalledApp): void {
    app.timers.clear();
    app.instance.deinstantiate();
    app.module.unload();
  }
}
