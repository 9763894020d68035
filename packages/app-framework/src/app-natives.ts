import type { NativeSymbol } from "@microwasm/native";
import type { ExecEnv } from "@microwasm/runtime";
import { appBoundNatives } from "./app-bound-native.js";
import type { InstalledApp } from "./installed-app.js";

/** What the natives need of the app manager: the calling app, and where its requests go. */
export interface AppNativeHost {
  /** The installed, running app whose instance runs on `env`; undefined for any other caller. */
  appOf(env: ExecEnv): InstalledApp | undefined;
  registerResource(app: InstalledApp, url: string): void;
  subscribeEvent(app: InstalledApp, url: string): void;
  /** A packed request from the app (an event when its action is 6). */
  postRequest(app: InstalledApp, packet: Uint8Array): void;
  /** A packed response from the app; false for a packet that does not unpack. */
  sendResponse(app: InstalledApp, packet: Uint8Array): boolean;
  /** The app's tick: milliseconds as a u32. */
  tickMs(): number;
}

/**
 * The natives WAMR's runtime exports to apps under `env` (its `base_lib.inl`), with WAMR's
 * names and signature strings. A call from an instance that is not a running app does nothing
 * (and returns failure where the native has a result).
 */
export function appNatives(host: AppNativeHost): NativeSymbol<ExecEnv>[] {
  const withApp = appBoundNatives((env) => host.appOf(env));
  return [
    {
      name: "wasm_register_resource",
      signature: "($)",
      fn: withApp(undefined, (app, url: string) => host.registerResource(app, url)),
    },
    {
      name: "wasm_response_send",
      signature: "(*~)i",
      fn: withApp(0, (app, packet: Uint8Array) => (host.sendResponse(app, packet) ? 1 : 0)),
    },
    {
      name: "wasm_post_request",
      signature: "(*~)",
      fn: withApp(undefined, (app, packet: Uint8Array) => host.postRequest(app, packet)),
    },
    {
      name: "wasm_sub_event",
      signature: "($)",
      fn: withApp(undefined, (app, url: string) => host.subscribeEvent(app, url)),
    },
    {
      name: "wasm_create_timer",
      signature: "(iii)i",
      fn: withApp(-1, (app, interval: number, periodic: number, autoStart: number) =>
        app.timers.create(interval >>> 0, periodic !== 0, autoStart !== 0),
      ),
    },
    {
      name: "wasm_timer_destroy",
      signature: "(i)",
      fn: withApp(undefined, (app, id: number) => app.timers.destroy(id >>> 0)),
    },
    {
      name: "wasm_timer_cancel",
      signature: "(i)",
      fn: withApp(undefined, (app, id: number) => app.timers.cancel(id >>> 0)),
    },
    {
      name: "wasm_timer_restart",
      signature: "(ii)",
      fn: withApp(undefined, (app, id: number, interval: number) =>
        app.timers.restart(id >>> 0, interval >>> 0),
      ),
    },
    { name: "wasm_get_sys_tick_ms", signature: "()i", fn: () => host.tickMs() | 0 },
  ];
}
