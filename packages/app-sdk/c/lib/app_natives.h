/*
 * The natives the runtime exports to apps under module "env", with WAMR's names and C types.
 * Their wasm types (and WAMR's signature strings) are listed in src/app-natives.ts; a test
 * checks that what this library imports matches that table.
 */
#ifndef MICROWASM_APP_NATIVES_H
#define MICROWASM_APP_NATIVES_H

#include "bh_platform.h"

/* base: resources, requests, responses, events */
void wasm_register_resource(const char *url);
bool wasm_response_send(const char *buf, int size);
void wasm_post_request(const char *buf, int size);
void wasm_sub_event(const char *url);

/* base: timers */
uint32 wasm_create_timer(int interval, bool is_period, bool auto_start);
void wasm_timer_destroy(uint32 timer_id);
void wasm_timer_cancel(uint32 timer_id);
void wasm_timer_restart(uint32 timer_id, int interval);
uint32 wasm_get_sys_tick_ms(void);

/* sensor */
uint32 wasm_sensor_open(const char *name, int instance);
bool wasm_sensor_config(uint32 sensor, uint32 interval, int bit_cfg, uint32 delay);
bool wasm_sensor_config_with_attr_container(uint32 sensor, char *buffer, uint32 len);
bool wasm_sensor_close(uint32 sensor);

/* connection */
uint32 wasm_open_connection(const char *name, char *args_buf, uint32 args_buf_len);
void wasm_close_connection(uint32 handle);
int wasm_send_on_connection(uint32 handle, const char *data, uint32 data_len);
bool wasm_config_connection(uint32 handle, const char *cfg_buf, uint32 cfg_buf_len);

/* The runtime's "no such handle" value (0xFFFFFFFF). */
#define APP_INVALID_HANDLE ((uint32)-1)

/*
 * The library's entry points are weak, as the members of WAMR's libapp_framework.a are
 * optional: an app that defines one itself replaces the library's.
 */
#define APP_ENTRY_POINT __attribute__((weak))

#endif
