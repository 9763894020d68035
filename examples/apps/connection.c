/*
 * Connections: a TCP client of 127.0.0.1:7777 that sends "ping N" every second and prints
 * what comes back; /close (any method) closes it and answers 2.02; /config sends the
 * request's attr_container to the connection's configuration. Build:
 *   microwasm-app-cc -O3 -o connection.wasm connection.c
 */
#include "wasm_app.h"
#include "wa-inc/connection.h"
#include "wa-inc/request.h"
#include "wa-inc/timer_wasm_app.h"

static connection_t *conn = NULL;
static user_timer_t ping_timer = NULL;
static int pings = 0;

static void on_conn_event(connection_t *c, conn_event_type_t type, const char *data, uint32 len,
                          void *user_data) {
  (void)c;
  (void)user_data;
  if (type == CONN_EVENT_TYPE_DATA)
    printf("[conn] got %u bytes: %.*s\n", len, (int)len, data);
  else if (type == CONN_EVENT_TYPE_DISCONNECT)
    printf("[conn] closed by the server\n");
}

static void ping(user_timer_t timer) {
  char message[32];
  int sent;

  (void)timer;
  snprintf(message, sizeof(message), "ping %d", ++pings);
  sent = api_send_on_connection(conn, message, (uint32)strlen(message));
  if (sent < 0)
    printf("[conn] send failed\n");
}

static void close_handler(request_t *request) {
  response_t response[1];

  if (conn != NULL) {
    api_timer_cancel(ping_timer);
    api_close_connection(conn);
    conn = NULL;
  }
  make_response_for_request(request, response);
  set_response(response, DELETED_2_02, 0, NULL, 0);
  api_response_send(response);
}

static void config_handler(request_t *request) {
  response_t response[1];
  bool ok = conn != NULL && request->fmt == FMT_ATTR_CONTAINER &&
            api_config_connection(conn, (attr_container_t *)request->payload);

  make_response_for_request(request, response);
  set_response(response, ok ? CHANGED_2_04 : BAD_REQUEST_4_00, 0, NULL, 0);
  api_response_send(response);
}

void on_init(void) {
  attr_container_t *args = attr_container_create("");

  api_register_resource_handler("/close", close_handler);
  api_register_resource_handler("/config", config_handler);
  if (args == NULL)
    return;
  attr_container_set_string(&args, "address", "127.0.0.1");
  attr_container_set_uint16(&args, "port", 7777);
  conn = api_open_connection("TCP", args, on_conn_event, NULL);
  attr_container_destroy(args);
  if (conn == NULL) {
    printf("[conn] connect to server fail!\n");
    return;
  }
  printf("[conn] connected\n");
  ping_timer = api_timer_create(1000, true, true, ping);
}

void on_destroy(void) {}
