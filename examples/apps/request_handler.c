/*
 * A key/value resource: PUT /kv with an attr_container payload stores its "key" and "value"
 * (a string) and answers 2.01; GET /kv?key (payload with "key") answers 2.05 with an
 * attr_container holding the value and some typed fields; DELETE answers 2.02; other methods
 * 4.05. /echo answers with the request's own payload. Build:
 *   microwasm-app-cc -O3 -o request_handler.wasm request_handler.c
 */
#include "wasm_app.h"
#include "wa-inc/request.h"
#include "wa-inc/timer_wasm_app.h"

#define MAX_VALUE 64

static char stored_key[MAX_VALUE];
static char stored_value[MAX_VALUE];
static int puts_count = 0;

static void reply(request_t *request, int status, attr_container_t *payload) {
  response_t response[1];

  make_response_for_request(request, response);
  set_response(response, status, payload ? FMT_ATTR_CONTAINER : 0, (const char *)payload,
               payload ? (int)attr_container_get_serialize_length(payload) : 0);
  api_response_send(response);
}

static void kv_put(request_t *request) {
  attr_container_t *in = (attr_container_t *)request->payload;
  const char *key, *value;

  if (request->fmt != FMT_ATTR_CONTAINER || in == NULL || !attr_container_contain_key(in, "key")) {
    reply(request, BAD_REQUEST_4_00, NULL);
    return;
  }
  key = attr_container_get_as_string(in, "key");
  value = attr_container_get_as_string(in, "value");
  strncpy(stored_key, key, MAX_VALUE - 1);
  strncpy(stored_value, value ? value : "", MAX_VALUE - 1);
  puts_count++;
  printf("[kv] put %s=%s\n", stored_key, stored_value);
  reply(request, CREATED_2_01, NULL);
}

static void kv_get(request_t *request) {
  attr_container_t *out = attr_container_create("kv");

  if (out == NULL) {
    reply(request, INTERNAL_SERVER_ERROR_5_00, NULL);
    return;
  }
  attr_container_set_string(&out, "key", stored_key);
  attr_container_set_string(&out, "value", stored_value);
  attr_container_set_int(&out, "puts", puts_count);
  attr_container_set_uint32(&out, "uptime_ms", wasm_get_sys_tick_ms());
  attr_container_set_bool(&out, "found", stored_key[0] != 0);
  reply(request, CONTENT_2_05, out);
  attr_container_destroy(out);
}

static void kv_handler(request_t *request) {
  switch (request->action) {
  case COAP_PUT:
  case COAP_POST:
    kv_put(request);
    break;
  case COAP_GET:
    kv_get(request);
    break;
  case COAP_DELETE:
    stored_key[0] = stored_value[0] = 0;
    reply(request, DELETED_2_02, NULL);
    break;
  default:
    reply(request, METHOD_NOT_ALLOWED_4_05, NULL);
  }
}

static void echo_handler(request_t *request) {
  response_t response[1];

  printf("[echo] %s, %d bytes\n", request->url, request->payload_len);
  make_response_for_request(request, response);
  set_response(response, CONTENT_2_05, request->fmt, request->payload, request->payload_len);
  api_response_send(response);
}

void on_init(void) {
  api_register_resource_handler("/kv", kv_handler);
  api_register_resource_handler("/echo", echo_handler);
}

void on_destroy(void) {}
