/*
 * Sends requests and prints the responses: a PUT then a GET of the request handler's /kv, one
 * addressed to the app by name (/app/request_handler/kv) and one by resource URL (/kv), and a
 * GET of a URL nobody serves, whose handler is called with NULL after the 5 s timeout. Build:
 *   microwasm-app-cc -O3 -o request_sender.wasm request_sender.c
 */
#include "wasm_app.h"
#include "wa-inc/request.h"

static void on_response_to(response_t *response, void *user_data) {
  const char *tag = (const char *)user_data;
  attr_container_t *payload;

  if (response == NULL) {
    printf("[%s] timed out\n", tag);
    return;
  }
  printf("[%s] mid %u status %d fmt %d len %d\n", tag, response->mid, response->status, response->fmt,
         response->payload_len);
  if (response->fmt != FMT_ATTR_CONTAINER || response->payload_len == 0)
    return;
  payload = (attr_container_t *)response->payload;
  printf("[%s] tag %s, %d attributes, value %s, puts %d\n", tag, attr_container_get_tag(payload),
         attr_container_get_attr_num(payload), attr_container_get_as_string(payload, "value"),
         attr_container_get_as_int(payload, "puts"));
  attr_container_dump(payload);
}

static void send_request(char *url, int action, attr_container_t *payload, char *tag) {
  request_t request[1];

  init_request(request, url, action, payload ? FMT_ATTR_CONTAINER : 0, payload,
               payload ? (int)attr_container_get_serialize_length(payload) : 0);
  api_send_request(request, on_response_to, tag);
}

void on_init(void) {
  attr_container_t *entry = attr_container_create("entry");

  if (entry == NULL)
    return;
  attr_container_set_string(&entry, "key", "greeting");
  attr_container_set_string(&entry, "value", "hello");
  send_request("/app/request_handler/kv", COAP_PUT, entry, "put by name");
  attr_container_destroy(entry);

  send_request("/kv", COAP_GET, NULL, "get by url");
  send_request("/nobody/home", COAP_GET, NULL, "unserved");
}

void on_destroy(void) {}
