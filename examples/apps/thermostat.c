/*
 * The daemon's walkthrough app (README, "The app manager as a service"): GET /temperature
 * answers 2.05 with {"celsius": …}, and every second it publishes "thermostat/reading" with
 * the same reading. Build (the built app is committed beside this file):
 *   microwasm-app-cc -O3 -o thermostat.wasm thermostat.c
 */
#include "wasm_app.h"
#include "wa-inc/request.h"
#include "wa-inc/timer_wasm_app.h"

static int ticks = 0;

/* A made-up sensor: 21.5 °C, drifting by a tenth of a degree each second over ten seconds. */
static attr_container_t *reading(void) {
  attr_container_t *payload = attr_container_create("thermostat");
  if (payload != NULL)
    attr_container_set_double(&payload, "celsius", 21.5 + (ticks % 10) / 10.0);
  return payload;
}

static void temperature(request_t *request) {
  response_t response[1];
  attr_container_t *payload = reading();

  make_response_for_request(request, response);
  if (payload == NULL) {
    set_response(response, INTERNAL_SERVER_ERROR_5_00, 0, NULL, 0);
  } else {
    set_response(response, CONTENT_2_05, FMT_ATTR_CONTAINER, (const char *)payload,
                 (int)attr_container_get_serialize_length(payload));
  }
  api_response_send(response);
  attr_container_destroy(payload);
}

static void tick(user_timer_t timer) {
  attr_container_t *payload;

  (void)timer;
  ticks++;
  payload = reading();
  if (payload == NULL)
    return;
  api_publish_event("thermostat/reading", FMT_ATTR_CONTAINER, payload,
                    (int)attr_container_get_serialize_length(payload));
  attr_container_destroy(payload);
}

void on_init(void) {
  api_register_resource_handler("/temperature", temperature);
  api_timer_create(1000, true, true, tick);
  printf("thermostat: started\n");
}

void on_destroy(void) {
  printf("thermostat: stopped after %d readings\n", ticks);
}
