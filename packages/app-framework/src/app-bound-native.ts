import type { ExecEnv } from "@microwasm/runtime";

/**
 * Makes a native's body run for the app it was called from: `appOf` finds the app of the
 * calling exec env (the manager's `InstalledApp`, or an extension's app name); a call from an
 * instance that is not a running app gets `fallback`.
 */
export function appBoundNatives<App>(appOf: (env: ExecEnv) => App | undefined) {
  return <A extends unknown[], R>(fallback: R, body: (app: App, ...args: A) => R) =>
    (env: ExecEnv, ...args: A): R => {
      const app = appOf(env);
      return app === undefined ? fallback : body(app, ...args);
    };
}
