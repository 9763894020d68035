import type { NativeSymbol } from "@microwasm/native";
import type { ExecEnv } from "@microwasm/runtime";
import type { Clock } from "./clock.js";

/** An entry point an extension may have the manager call with a buffer: `entry(id, buffer, length)`. */
export type BufferEntryName = "on_sensor_event" | "on_connection_data";

/** What the app manager lends an extension: the time, who is calling, and the apps' queues. */
export interface AppExtensionHost {
  readonly clock: Clock;
  /** The running app whose code called a native, by name; undefined for any other caller. */
  appOf(env: ExecEnv): string | undefined;
  /**
   * Queues a call of `entry(id, buffer, data.length)` for app `app`: when its turn comes, `data`
   * is copied into its app heap (freed after the call). False when no such app is running.
   */
  post(app: string, entry: BufferEntryName, id: number, data: Uint8Array): boolean;
}

/**
 * A WAMR framework extension (sensors, say) plugged into an `AppManager`: it contributes
 * natives under "env", reaches apps only through `AppExtensionHost`, and is told when an app
 * stops (uninstalled or failed) so that nothing of the app outlives it.
 */
export interface AppExtension {
  readonly name: string;
  natives(host: AppExtensionHost): readonly NativeSymbol<ExecEnv>[];
  /** `app` was uninstalled or failed: drop what it holds. */
  appStopped?(app: string): void;
  /** The manager closed. */
  close?(): void;
}
