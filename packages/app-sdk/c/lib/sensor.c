/*
 * Sensors: the app side of WAMR's sensor.c. on_sensor_event finds the sensor the runtime
 * names and calls its handler with the reading (an attr_container in the app heap).
 */
#include "wa-inc/sensor.h"
#include "app_natives.h"

struct _sensor {
  struct _sensor *next;
  char *name;
  uint32 handle;
  sensor_event_handler_f handler;
  void *user_data;
};

static sensor_t g_sensors = NULL;

sensor_t sensor_open(const char *name, int index, sensor_event_handler_f handler, void *user_data) {
  /* The record first: an open sensor without one could never be closed. */
  sensor_t sensor = (sensor_t)malloc(sizeof(struct _sensor));

  if (sensor == NULL)
    return NULL;
  sensor->name = strdup(name);
  if (sensor->name == NULL) {
    free(sensor);
    return NULL;
  }
  sensor->handle = wasm_sensor_open(name, index);
  if (sensor->handle == APP_INVALID_HANDLE) {
    free(sensor->name);
    free(sensor);
    return NULL;
  }
  sensor->handler = handler;
  sensor->user_data = user_data;
  sensor->next = g_sensors;
  g_sensors = sensor;
  return sensor;
}

bool sensor_config(sensor_t sensor, int interval, int bit_cfg, int delay) {
  return wasm_sensor_config(sensor->handle, (uint32)interval, bit_cfg, (uint32)delay);
}

bool sensor_config_with_attr_container(sensor_t sensor, attr_container_t *cfg) {
  /* A container's memory is its serialized form. */
  return wasm_sensor_config_with_attr_container(sensor->handle, (char *)cfg,
                                                attr_container_get_serialize_length(cfg));
}

bool sensor_close(sensor_t sensor) {
  sensor_t *link;

  wasm_sensor_close(sensor->handle);
  for (link = &g_sensors; *link != NULL; link = &(*link)->next) {
    if (*link == sensor) {
      *link = sensor->next;
      free(sensor->name);
      free(sensor);
      return true;
    }
  }
  return false;
}

APP_ENTRY_POINT void on_sensor_event(uint32 sensor_id, char *buffer, int len) {
  sensor_t s;

  (void)len;
  for (s = g_sensors; s != NULL; s = s->next) {
    if (s->handle == sensor_id) {
      s->handler(s, (attr_container_t *)buffer, s->user_data);
      return;
    }
  }
}
