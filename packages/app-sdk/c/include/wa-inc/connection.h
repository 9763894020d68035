/*
 * microwasm app SDK: connections (WAMR's wa-inc/connection.h). The runtime calls the
 * library's on_connection_data(handle, buffer, len) with data, or len 0 when the peer closed.
 */
#ifndef MICROWASM_APP_CONNECTION_H
#define MICROWASM_APP_CONNECTION_H

#include "bi-inc/attr_container.h"

#ifdef __cplusplus
extern "C" {
#endif

struct _connection;
typedef struct _connection connection_t;

typedef enum {
  CONN_EVENT_TYPE_DATA = 1,
  CONN_EVENT_TYPE_DISCONNECT
} conn_event_type_t;

typedef void (*on_connection_event_f)(connection_t *conn, conn_event_type_t type,
                                      const char *data, uint32 len, void *user_data);

/*
 * name is "TCP", "UDP" or "UART"; args holds "address" (string) and "port" (uint16) for TCP,
 * "bind port" for UDP, "device" and "baudrate" for UART. NULL when the runtime refuses.
 */
connection_t *api_open_connection(const char *name, attr_container_t *args,
                                  on_connection_event_f on_event, void *user_data);
void api_close_connection(connection_t *conn);
/* The bytes sent, or -1. */
int api_send_on_connection(connection_t *conn, const char *data, uint32 len);
bool api_config_connection(connection_t *conn, attr_container_t *cfg);

#ifdef __cplusplus
}
#endif

#endif
