/*
 * Subscribes to "alert/overheat" and "alert/raw" and prints what arrives, reading the typed
 * values back with the attr_container getters. Build:
 *   microwasm-app-cc -O3 -o event_subscriber.wasm event_subscriber.c
 */
#include "wasm_app.h"
#include "wa-inc/request.h"

static void on_overheat(request_t *event) {
  attr_container_t *reading = (attr_container_t *)event->payload;
  unsigned samples_length = 0;
  const int8_t *samples;

  if (event->fmt != FMT_ATTR_CONTAINER || reading == NULL) {
    printf("[overheat] unexpected payload\n");
    return;
  }
  samples = attr_container_get_as_bytearray(reading, "samples", &samples_length);
  printf("[overheat] %s seq %d celsius %.1f ratio %.2f critical %d\n",
         attr_container_get_as_string(reading, "warning"), attr_container_get_as_int32(reading, "seq"),
         attr_container_get_as_double(reading, "celsius"), (double)attr_container_get_as_float(reading, "ratio"),
         attr_container_get_as_bool(reading, "critical"));
  printf("[overheat] short %d int16 %d uint32 %u int64 %lld uint64 %llu\n",
         attr_container_get_as_short(reading, "short"), attr_container_get_as_int16(reading, "int16"),
         attr_container_get_as_uint32(reading, "uint32"), (long long)attr_container_get_as_int64(reading, "int64"),
         (unsigned long long)attr_container_get_as_uint64(reading, "uint64"));
  printf("[overheat] byte %d int8 %d uint8 %u uint16 %u samples %u (first %d)\n",
         attr_container_get_as_byte(reading, "byte"), attr_container_get_as_int8(reading, "int8"),
         attr_container_get_as_uint8(reading, "uint8"), attr_container_get_as_uint16(reading, "uint16"),
         samples_length, samples ? samples[0] : 0);
}

static void on_raw(request_t *event) {
  printf("[raw] %s fmt %d: %.*s\n", event->url, event->fmt, event->payload_len, (char *)event->payload);
}

void on_init(void) {
  api_subscribe_event("alert/overheat", on_overheat);
  api_subscribe_event("alert/raw", on_raw);
}

void on_destroy(void) {}
