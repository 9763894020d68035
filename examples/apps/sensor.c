/*
 * Sensors: opens sensor_test1 (every second) and sensor_test2 (every 5 s, configured with an
 * attr_container), prints each reading, and closes sensor_test1 after three readings. Build:
 *   microwasm-app-cc -O3 -o sensor.wasm sensor.c
 */
#include "wasm_app.h"
#include "wa-inc/sensor.h"

static sensor_t sensor1 = NULL;
static sensor_t sensor2 = NULL;
static int readings1 = 0;

static void on_reading(sensor_t sensor, attr_container_t *reading, void *user_data) {
  const char *name = (const char *)user_data;

  printf("[%s] reading tag \"%s\" name \"%s\"\n", name, attr_container_get_tag(reading),
         attr_container_contain_key(reading, "name") ? attr_container_get_as_string(reading, "name") : "");
  if (sensor == sensor1 && ++readings1 == 3) {
    sensor_close(sensor1);
    sensor1 = NULL;
    printf("[%s] closed after 3 readings\n", name);
  }
}

void on_init(void) {
  attr_container_t *config;

  sensor1 = sensor_open("sensor_test1", 0, on_reading, "sensor1");
  if (sensor1 == NULL || !sensor_config(sensor1, 1000, 0, 0))
    printf("sensor_test1 unavailable\n");

  sensor2 = sensor_open("sensor_test2", 0, on_reading, "sensor2");
  config = attr_container_create("config sensor");
  if (sensor2 == NULL || config == NULL) {
    printf("sensor_test2 unavailable\n");
    attr_container_destroy(config);
    return;
  }
  attr_container_set_int(&config, "interval", 5000);
  attr_container_set_int(&config, "bit_cfg", 0);
  attr_container_set_int(&config, "delay", 0);
  sensor_config_with_attr_container(sensor2, config);
  sensor_config(sensor2, 5000, 0, 0);
  attr_container_destroy(config);
}

void on_destroy(void) {
  if (sensor1 != NULL)
    sensor_close(sensor1);
  if (sensor2 != NULL)
    sensor_close(sensor2);
}
