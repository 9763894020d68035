/**
 * Where the app framework reads the time and schedules its timers: the host's event loop by
 * default, a `ManualClock` in tests so that timers fire exactly when the test says.
 */
export interface Clock {
  /** Milliseconds, monotonic (the apps' `wasm_get_sys_tick_ms` is this, as a u32). */
  now(): number;
  /** Calls `callback` once after `delayMs`; returns a handle for `cancel`. */
  schedule(callback: () => void, delayMs: number): unknown;
  cancel(handle: unknown): void;
}

/** The host's clock: `performance.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => performance.now(),
  schedule: (callback, delayMs) => setTimeout(callback, Math.max(0, delayMs)),
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Pending {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
}

/** A clock that moves only when told to (`advance`), firing what falls due in time order. */
export class ManualClock implements Clock {
  private time: number;
  private order = 0;
  private readonly pending = new Set<Pending>();

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule(callback: () => void, delayMs: number): unknown {
    const entry = { at: this.time + Math.max(0, delayMs), order: this.order++, callback };
    this.pending.add(entry);
    return entry;
  }

  cancel(handle: unknown): void {
    this.pending.delete(handle as Pending);
  }

  /** When the next scheduled callback is due; undefined when none is. */
  nextAt(): number | undefined {
    let next: number | undefined;
    for (const entry of this.pending) if (next === undefined || entry.at < next) next = entry.at;
    return next;
  }

  /** Moves time on by `ms`, calling each callback due on the way at its own time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: Pending | undefined;
      for (const entry of this.pending)
        if (
          entry.at <= end &&
          (next === undefined || entry.at < next.at || (entry.at === next.at && entry.order < next.order))
        )
          next = entry;
      if (next === undefined) break;
      this.pending.delete(next);
      this.time = next.at;
      next.callback();
    }
    this.time = end;
  }
}
