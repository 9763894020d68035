/*
 * Timers: the app side of WAMR's timer.c. The runtime numbers timers per app; the library
 * keeps each number with its callback, and on_timer_callback calls the one that expired.
 */
#include "wa-inc/timer_wasm_app.h"
#include "app_natives.h"
#include "timer_internal.h"

struct user_timer {
  struct user_timer *next;
  uint32 timer_id;
  on_user_timer_update_f callback;
};

static struct user_timer *g_timers = NULL;

user_timer_t api_timer_create(int interval, bool is_period, bool auto_start,
                              on_user_timer_update_f on_timer_update) {
  /* The record first: a runtime timer without one could never be cancelled. */
  struct user_timer *timer = (struct user_timer *)malloc(sizeof(struct user_timer));

  if (timer == NULL) {
    printf("### api_timer_create malloc failed!!!\n");
    return NULL;
  }
  timer->timer_id = wasm_create_timer(interval, is_period, auto_start);
  if (timer->timer_id == APP_INVALID_HANDLE) {
    printf("### api_timer_create: no timer left for this app\n");
    free(timer);
    return NULL;
  }
  timer->callback = on_timer_update;
  timer->next = g_timers;
  g_timers = timer;
  return timer;
}

void api_timer_cancel(user_timer_t timer) {
  struct user_timer **link;

  wasm_timer_cancel(timer->timer_id);
  for (link = &g_timers; *link != NULL; link = &(*link)->next) {
    if (*link == timer) {
      *link = timer->next;
      free(timer);
      return;
    }
  }
}

void app_timer_stop(user_timer_t timer) { wasm_timer_cancel(timer->timer_id); }

void api_timer_restart(user_timer_t timer, int interval) {
  wasm_timer_restart(timer->timer_id, interval);
}

APP_ENTRY_POINT void on_timer_callback(int timer_id) {
  struct user_timer *t;

  for (t = g_timers; t != NULL; t = t->next) {
    if (t->timer_id == (uint32)timer_id) {
      t->callback(t);
      return;
    }
  }
}
