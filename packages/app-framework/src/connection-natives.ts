import type { NativeSymbol } from "@microwasm/native";
import type { ExecEnv } from "@microwasm/runtime";
import { appBoundNatives } from "./app-bound-native.js";
import { ID_NONE } from "./codes.js";
import type { InstalledApp } from "./installed-app.js";

/** What the connection natives need of the app manager. */
export interface ConnectionNativeHost {
  appOf(env: ExecEnv): InstalledApp | undefined;
  /** A handle, or 0xFFFFFFFF when refused. */
  open(app: InstalledApp, kind: string, args: Uint8Array): number;
  close(app: InstalledApp, handle: number): void;
  /** Bytes taken, or -1. */
  send(app: InstalledApp, handle: number, bytes: Uint8Array): number;
  configure(app: InstalledApp, handle: number, args: Uint8Array): boolean;
}

/** WAMR's connection natives (`connection.inl`) with its names and signature strings. */
export function connectionNatives(host: ConnectionNativeHost): NativeSymbol<ExecEnv>[] {
  const withApp = appBoundNatives((env) => host.appOf(env));
  return [
    {
      name: "wasm_open_connection",
      signature: "($*~)i",
      fn: withApp(ID_NONE | 0, (app, kind: string, args: Uint8Array) => host.open(app, kind, args) | 0),
    },
    {
      name: "wasm_close_connection",
      signature: "(i)",
      fn: withApp(undefined, (app, handle: number) => host.close(app, handle >>> 0)),
    },
    {
      name: "wasm_send_on_connection",
      signature: "(i*~)i",
      fn: withApp(-1, (app, handle: number, bytes: Uint8Array) => host.send(app, handle >>> 0, bytes)),
    },
    {
      name: "wasm_config_connection",
      signature: "(i*~)i",
      fn: withApp(0, (app, handle: number, args: Uint8Array) =>
        host.configure(app, handle >>> 0, args) ? 1 : 0,
      ),
    },
  ];
}
