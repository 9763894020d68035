/*
 * microwasm app SDK: sensors (WAMR's wa-inc/sensor.h). The runtime calls the library's
 * on_sensor_event(sensor_id, buffer, len) with the reading as an attr_container.
 */
#ifndef MICROWASM_APP_SENSOR_H
#define MICROWASM_APP_SENSOR_H

#include "bi-inc/attr_container.h"

#ifdef __cplusplus
extern "C" {
#endif

struct _sensor;
typedef struct _sensor *sensor_t;
typedef void (*sensor_event_handler_f)(sensor_t sensor, attr_container_t *sensor_event,
                                       void *user_data);

/* NULL when there is no such sensor or this app has it open already. */
sensor_t sensor_open(const char *name, int index, sensor_event_handler_f handler, void *user_data);
/* interval 0 stops the events for this app. */
bool sensor_config(sensor_t sensor, int interval, int bit_cfg, int delay);
bool sensor_config_with_attr_container(sensor_t sensor, attr_container_t *cfg);
bool sensor_close(sensor_t sensor);

#ifdef __cplusplus
}
#endif

#endif
