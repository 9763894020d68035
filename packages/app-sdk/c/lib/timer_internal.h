/* What the library's own modules need from timer.c beyond the public timer API. */
#ifndef MICROWASM_APP_TIMER_INTERNAL_H
#define MICROWASM_APP_TIMER_INTERNAL_H

#include "wa-inc/timer_wasm_app.h"

/*
 * Stops a timer and keeps its handle for api_timer_restart. The runtime keeps a cancelled
 * timer's slot until the app ends, so a timer that stops and starts often is better stopped
 * than cancelled and created again, which would use up the app's timers.
 */
void app_timer_stop(user_timer_t timer);

#endif
