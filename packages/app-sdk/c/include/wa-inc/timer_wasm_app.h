/*
 * microwasm app SDK: timers (WAMR's wa-inc/timer_wasm_app.h). The runtime calls the library's
 * on_timer_callback(timer_id), which calls the timer's callback.
 */
#ifndef MICROWASM_APP_TIMER_WASM_APP_H
#define MICROWASM_APP_TIMER_WASM_APP_H

#include "bh_platform.h"

#ifdef __cplusplus
extern "C" {
#endif

struct user_timer;
typedef struct user_timer *user_timer_t;
typedef void (*on_user_timer_update_f)(user_timer_t timer);

/* NULL when the runtime has no timer left for this app or the app heap is full. */
user_timer_t api_timer_create(int interval, bool is_period, bool auto_start,
                              on_user_timer_update_f on_timer_update);
/* Stops the timer and releases the handle, which must not be used afterwards (as in WAMR). */
void api_timer_cancel(user_timer_t timer);
/* (Re)starts the timer with a new interval, also one created with auto_start false. */
void api_timer_restart(user_timer_t timer, int interval);

/* Milliseconds of the runtime's monotonic clock (wraps at 2^32). */
uint32 wasm_get_sys_tick_ms(void);

#ifdef __cplusplus
}
#endif

#endif
