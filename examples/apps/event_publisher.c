/*
 * Publishes "alert/overheat" every second with a reading of every attr_container type, and
 * "alert/raw" with a raw (non attr_container) payload every third time. Build:
 *   microwasm-app-cc -O3 -o event_publisher.wasm event_publisher.c
 */
#include "wasm_app.h"
#include "wa-inc/request.h"
#include "wa-inc/timer_wasm_app.h"

static int published = 0;

static void publish_reading(user_timer_t timer) {
  static const int8_t raw_samples[4] = { 1, -2, 3, -4 };
  attr_container_t *event = attr_container_create("event");
  char *serialized;
  unsigned length;

  (void)timer;
  if (event == NULL)
    return;
  published++;
  attr_container_set_string(&event, "warning", "temperature is over high");
  attr_container_set_int(&event, "seq", published);
  attr_container_set_double(&event, "celsius", 80.5 + published);
  attr_container_set_float(&event, "ratio", 0.25f);
  attr_container_set_bool(&event, "critical", published % 2 == 0);
  attr_container_set_short(&event, "short", -2);
  attr_container_set_int16(&event, "int16", -16);
  attr_container_set_int32(&event, "int32", -32);
  attr_container_set_uint32(&event, "uint32", 0xFFFFFFFFu);
  attr_container_set_int64(&event, "int64", -64);
  attr_container_set_uint64(&event, "uint64", 0xFFFFFFFFFFFFFFFFull);
  attr_container_set_byte(&event, "byte", -1);
  attr_container_set_int8(&event, "int8", -8);
  attr_container_set_uint8(&event, "uint8", 200);
  attr_container_set_uint16(&event, "uint16", 60000);
  attr_container_set_bytearray(&event, "samples", raw_samples, sizeof(raw_samples));

  /* A serialized copy is read-only: what a receiver gets. */
  length = attr_container_get_serialize_length(event);
  serialized = (char *)malloc(length);
  if (serialized != NULL && attr_container_serialize(serialized, event)) {
    if (attr_container_is_constant((attr_container_t *)serialized))
      api_publish_event("alert/overheat", FMT_ATTR_CONTAINER, serialized, (int)length);
  }
  free(serialized);
  attr_container_destroy(event);

  if (published % 3 == 0)
    api_publish_event("alert/raw", FMT_APP_RAW_BINARY, "raw!", 4);
}

void on_init(void) {
  user_timer_t timer = api_timer_create(1000, true, false, publish_reading);
  if (timer != NULL)
    api_timer_restart(timer, 1000);
}

void on_destroy(void) {
  printf("published %d events\n", published);
}
