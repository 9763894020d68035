/** What an app manager allows; every field has WAMR's value as its default except where noted. */
export interface AppLimits {
  /** Installed apps at once (WAMR's MAX_APP_INSTALLATIONS = 3). */
  readonly maxApps: number;
  /** Timers an app may ask for at install (WAMR's MAX_TIMERS_PER_APP = 30). */
  readonly maxTimersPerApp: number;
  /** Resource URLs one app may register (WAMR: 16). */
  readonly maxResourcesPerApp: number;
  /** Longest resource or event URL (WAMR: 256). */
  readonly maxUrlLength: number;
  /** Longest app name (WAMR's APP_NAME_MAX_LEN = 128). */
  readonly maxNameLength: number;
  /** Smallest and largest app heap (WAMR clamps to [256, 1 GiB]). */
  readonly minHeapSize: number;
  readonly maxHeapSize: number;
  /** Wasm stack of each app (WAMR's DEFAULT_WASM_STACK_SIZE = 16 KiB). */
  readonly stackSize: number;
  /** How long a request from the host or an app waits for its response (WAMR's TRANSACTION_TIMEOUT_MS). */
  readonly transactionTimeoutMs: number;
}

export const DEFAULT_LIMITS: AppLimits = {
  maxApps: 3,
  maxTimersPerApp: 30,
  maxResourcesPerApp: 16,
  maxUrlLength: 256,
  maxNameLength: 128,
  minHeapSize: 256,
  maxHeapSize: 1024 * 1024 * 1024,
  stackSize: 16 * 1024,
  transactionTimeoutMs: 5000,
};

/** Per-app install defaults. */
export const DEFAULT_HEAP_SIZE = 8192;
export const DEFAULT_TIMERS_PER_APP = 20;
/**
 * Default watchdog per handler call. WAMR's is 180000 ms and inert for wasm apps; here every
 * handler runs on the host's one event loop, so a handler stuck for minutes stops every app:
 * one second is the default instead.
 */
export const DEFAULT_WATCHDOG_MS = 1000;
