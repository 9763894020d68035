/* For the timer-accuracy benchmark: a 10 ms periodic timer whose callback does nothing. */
#include "wasm_app.h"
#include "wa-inc/timer_wasm_app.h"

static void on_tick(user_timer_t timer) { (void)timer; }

void on_init(void) { api_timer_create(10, true, true, on_tick); }

void on_destroy(void) {}
