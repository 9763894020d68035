/*
 * Timers: a periodic "tick" every 500 ms, a one-shot "stop" timer created stopped and started
 * with api_timer_restart, which cancels the tick after 5 s; prints the elapsed time each tick.
 * Build: microwasm-app-cc -O3 -o timer.wasm timer.c
 */
#include "wasm_app.h"
#include "wa-inc/timer_wasm_app.h"

static user_timer_t tick_timer;
static uint32 start_ms;
static int ticks = 0;

static void on_tick(user_timer_t timer) {
  (void)timer;
  printf("tick %d after %u ms\n", ++ticks, wasm_get_sys_tick_ms() - start_ms);
}

static void on_stop(user_timer_t timer) {
  /* cancelling releases the handle: both timers are done with */
  api_timer_cancel(tick_timer);
  api_timer_cancel(timer);
  printf("stopped after %d ticks\n", ticks);
}

void on_init(void) {
  user_timer_t stop_timer;

  start_ms = wasm_get_sys_tick_ms();
  tick_timer = api_timer_create(500, true, true, on_tick);
  stop_timer = api_timer_create(60000, false, false, on_stop);
  if (tick_timer == NULL || stop_timer == NULL) {
    printf("no timer left\n");
    return;
  }
  api_timer_restart(stop_timer, 5000);
}

void on_destroy(void) {
  printf("timer app destroyed after %d ticks\n", ticks);
}
