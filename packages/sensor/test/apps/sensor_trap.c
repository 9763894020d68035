/* Opens sensor_test1 and traps on its first reading: the app must fail alone. */
#include "wasm_app.h"
#include "wa-inc/sensor.h"

static void on_reading(sensor_t sensor, attr_container_t *reading, void *user_data) {
  (void)sensor;
  (void)reading;
  (void)user_data;
  printf("trapping now\n");
  __builtin_trap();
}

void on_init(void) {
  if (sensor_open("sensor_test1", 0, on_reading, NULL) == NULL)
    printf("sensor_test1 unavailable\n");
}

void on_destroy(void) {}
