/*
 * Connections: the app side of WAMR's connection.c. on_connection_data finds the connection
 * the runtime names and calls its handler: data, or a disconnect when len is 0.
 */
#include "wa-inc/connection.h"
#include "app_natives.h"

struct _connection {
  struct _connection *next;
  uint32 handle;
  on_connection_event_f on_event;
  void *user_data;
};

static connection_t *g_conns = NULL;

connection_t *api_open_connection(const char *name, attr_container_t *args,
                                  on_connection_event_f on_event, void *user_data) {
  connection_t *conn;
  uint32 handle =
      wasm_open_connection(name, (char *)args, attr_container_get_serialize_length(args));

  if (handle == APP_INVALID_HANDLE)
    return NULL;
  conn = (connection_t *)malloc(sizeof(connection_t));
  if (conn == NULL) {
    wasm_close_connection(handle);
    return NULL;
  }
  conn->handle = handle;
  conn->on_event = on_event;
  conn->user_data = user_data;
  conn->next = g_conns;
  g_conns = conn;
  return conn;
}

void api_close_connection(connection_t *conn) {
  connection_t **link;

  for (link = &g_conns; *link != NULL; link = &(*link)->next) {
    if (*link == conn) {
      wasm_close_connection(conn->handle);
      *link = conn->next;
      free(conn);
      return;
    }
  }
}

int api_send_on_connection(connection_t *conn, const char *data, uint32 len) {
  return wasm_send_on_connection(conn->handle, data, len);
}

bool api_config_connection(connection_t *conn, attr_container_t *cfg) {
  return wasm_config_connection(conn->handle, (const char *)cfg,
                                attr_container_get_serialize_length(cfg));
}

APP_ENTRY_POINT void on_connection_data(uint32 handle, char *buffer, uint32 len) {
  connection_t *conn;

  for (conn = g_conns; conn != NULL; conn = conn->next) {
    if (conn->handle == handle) {
      if (len == 0)
        conn->on_event(conn, CONN_EVENT_TYPE_DISCONNECT, NULL, 0, conn->user_data);
      else
        conn->on_event(conn, CONN_EVENT_TYPE_DATA, buffer, len, conn->user_data);
      return;
    }
  }
}
