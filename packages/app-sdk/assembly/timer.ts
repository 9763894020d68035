// Timers (WAMR's AssemblyScript timer API). The runtime numbers timers per app and calls the
// app's _on_timer_callback(id), which must call on_timer_callback here (see exports.ts).

@external("env", "wasm_create_timer")
declare function wasm_create_timer(interval: i32, is_period: bool, auto_start: bool): i32;

@external("env", "wasm_timer_cancel")
declare function wasm_timer_cancel(timer_id: i32): void;

@external("env", "wasm_timer_restart")
declare function wasm_timer_restart(timer_id: i32, interval: i32): void;

@external("env", "wasm_get_sys_tick_ms")
declare function wasm_get_sys_tick_ms(): i32;

export class user_timer {
  timer_id: i32 = 0;
  timeout: i32;
  period: bool = false;
  cb: () => void;

  constructor(cb: () => void, timeout: i32, period: bool) {
    this.cb = cb;
    this.timeout = timeout;
    this.period = period;
    this.timer_id = timer_create(timeout, period, true);
  }
}

export const timer_list: user_timer[] = [];

/** Creates a runtime timer; its id, or -1 when the app has no timer left. */
export function timer_create(interval: i32, is_period: bool, auto_start: bool): i32 {
  return wasm_create_timer(interval, is_period, auto_start);
}

/** Calls cb once after timeout ms. */
export function setTimeout(cb: () => void, timeout: i32): user_timer {
  const timer = new user_timer(cb, timeout, false);
  timer_list.push(timer);
  return timer;
}

/** Calls cb every timeout ms until cancelled. */
export function setInterval(cb: () => void, timeout: i32): user_timer {
  const timer = new user_timer(cb, timeout, true);
  timer_list.push(timer);
  return timer;
}

export function timer_cancel(timer: user_timer): void {
  wasm_timer_cancel(timer.timer_id);
  const index = timer_list.indexOf(timer);
  // WAMR's library removes whatever entry its search stops at, even when the timer is gone.
  if (index >= 0) timer_list.splice(index, 1);
}

export function timer_restart(timer: user_timer, interval: number): void {
  wasm_timer_restart(timer.timer_id, i32(interval));
}

/** Milliseconds of the runtime's clock (wraps). */
export function now(): i32 {
  return wasm_get_sys_tick_ms();
}

/**
 * Stops the timer but keeps it, so that timer_restart can start it again (cancelling gives up
 * the handle, while the runtime keeps the timer's slot until the app ends).
 */
export function timer_stop(timer: user_timer): void {
  wasm_timer_cancel(timer.timer_id);
}

/** Calls the callback of the timer that expired (a one-shot timer stays, to be restarted). */
export function on_timer_callback(on_timer_id: i32): void {
  for (let i = 0; i < timer_list.length; i++) {
    const timer = timer_list[i];
    if (timer.timer_id == on_timer_id) {
      timer.cb();
      return;
    }
  }
}
