import type { ExecEnv, LoadedModule, ModuleInstance, WasmFunction } from "@microwasm/runtime";
import type { BufferEntryName } from "./app-extension.js";
import type { AppTimers } from "./app-timers.js";
import { MessageQueue } from "./message-queue.js";

/** What waits in an app's queue; the app handles one at a time, in order. */
export type AppMessage =
  | {
      readonly kind: "request";
      readonly packet: Uint8Array;
      readonly mid: number;
      readonly sender: number;
      readonly event: boolean;
    }
  | { readonly kind: "response"; readonly packet: Uint8Array }
  | { readonly kind: "timer"; readonly id: number }
  /** `entry(id, buffer, length)` with `data` copied into the app heap (length 0: no buffer). */
  | {
      readonly kind: "buffer";
      readonly entry: BufferEntryName;
      readonly id: number;
      readonly data: Uint8Array;
    };

/** An entry point WAMR calls in an app. */
export type EntryName =
  | "on_init"
  | "on_destroy"
  | "on_request"
  | "on_response"
  | "on_timer_callback"
  | BufferEntryName;

export type AppState = "running" | "failed";

/** One installed app: its instance and exec env, its queue, timers, resources and subscriptions. */
export class InstalledApp {
  readonly queue = new MessageQueue<AppMessage>();
  readonly resources: string[] = [];
  readonly subscriptions = new Set<string>();
  state: AppState = "running";
  failure: string | undefined;
  private readonly entries = new Map<EntryName, WasmFunction | undefined>();

  constructor(
    readonly id: number,
    readonly name: string,
    readonly heapSize: number,
    readonly watchdogMs: number,
    readonly module: LoadedModule,
    readonly instance: ModuleInstance,
    readonly env: ExecEnv,
    readonly timers: AppTimers,
  ) {}

  /** The export WAMR would call for `name`: `_name` first, then `name`. */
  entry(name: EntryName): WasmFunction | undefined {
    if (!this.entries.has(name))
      this.entries.set(name, this.instance.lookupFunction(`_${name}`) ?? this.instance.lookupFunction(name));
    return this.entries.get(name);
  }

  get running(): boolean {
    return this.state === "running";
  }
}
