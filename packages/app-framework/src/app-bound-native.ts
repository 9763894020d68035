import type { ExecEnv } from "@microwasm/runtime";
import type { InstalledApp } from "./installed-app.js";

/**
 * Makes a native's body run for the app it was called from: `appOf` finds the app of the
 * calling exec env; a call from an instance that is not a running app gets `fallback`.
 */
export function appBoundNatives(appOf: (env: ExecEnv) => InstalledApp | undefined) {
  return <A extends unknown[], R>(fallback: R, body: (app: InstalledApp, ...args: A) => R) =>
    (env: ExecEnv, ...args: A): R => {
      const app = appOf(env);
      return app === undefined ? fallback : body(app, ...args);
    };
}
