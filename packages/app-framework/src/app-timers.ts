import type { Clock } from "./clock.js";
import { ID_NONE } from "./codes.js";

interface AppTimer {
  interval: number;
  readonly periodic: boolean;
  handle: unknown;
  /** When it was due last: a periodic timer's next expiry counts from here, so it does not drift. */
  dueAt: number;
}

/**
 * One app's timers (WAMR's per-app timer context): ids from 1, at most `quota` alive at once,
 * driven by `clock`. An expiry does not call the app: it hands the id to `expire`, which
 * queues it for the app's `on_timer_callback`.
 */
export class AppTimers {
  private readonly timers = new Map<number, AppTimer>();
  private nextId = 1;

  constructor(
    private readonly clock: Clock,
    private readonly quota: number,
    private readonly expire: (id: number) => void,
  ) {}

  get size(): number {
    return this.timers.size;
  }

  /** `wasm_create_timer`: the id, or 0xFFFFFFFF when the quota is used up. */
  create(interval: number, periodic: boolean, autoStart: boolean): number {
    if (this.timers.size >= this.quota) return ID_NONE;
    const id = this.nextId++;
    const timer: AppTimer = { interval, periodic, handle: undefined, dueAt: 0 };
    this.timers.set(id, timer);
    if (autoStart) this.start(id, timer, this.clock.now());
    return id;
  }

  destroy(id: number): void {
    this.cancel(id);
    this.timers.delete(id);
  }

  cancel(id: number): void {
    const timer = this.timers.get(id);
    if (timer?.handle === undefined) return;
    this.clock.cancel(timer.handle);
    timer.handle = undefined;
  }

  /** `wasm_timer_restart`: a new interval, counted from now (also starts a timer never started). */
  restart(id: number, interval: number): void {
    const timer = this.timers.get(id);
    if (timer === undefined) return;
    this.cancel(id);
    timer.interval = interval;
    this.start(id, timer, this.clock.now());
  }

  isRunning(id: number): boolean {
    return this.timers.get(id)?.handle !== undefined;
  }

  /** Stops and forgets every timer (uninstall, failure). */
  clear(): void {
    for (const id of [...this.timers.keys()]) this.destroy(id);
  }

  private start(id: number, timer: AppTimer, from: number): void {
    // A periodic timer of 0 ms would expire forever within one instant.
    timer.dueAt = from + (timer.periodic ? Math.max(1, timer.interval) : timer.interval);
    timer.handle = this.clock.schedule(() => {
      timer.handle = undefined;
      if (timer.periodic) this.start(id, timer, Math.max(timer.dueAt, this.clock.now() - timer.interval));
      this.expire(id);
    }, timer.dueAt - this.clock.now());
  }
}
