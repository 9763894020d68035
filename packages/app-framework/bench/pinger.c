/*
 * For the app → app benchmark: GET /ping with a count starts a chain of that many requests to
 * /url1 (WAMR's request_handler), each sent when the last response came; then answers /ping.
 */
#include "wasm_app.h"
#include "wa-inc/request.h"

static response_t pending[1];
static int remaining = 0;

static void send_one(void);

static void on_reply(response_t *response, void *user_data) {
  (void)user_data;
  if (response == NULL || --remaining == 0) {
    set_response(pending, response == NULL ? GATEWAY_TIMEOUT_5_04 : CONTENT_2_05, 0, NULL, 0);
    api_response_send(pending);
    return;
  }
  send_one();
}

static void send_one(void) {
  request_t request[1];

  init_request(request, "/url1", COAP_GET, 0, NULL, 0);
  api_send_request(request, on_reply, NULL);
}

static void on_ping(request_t *request) {
  make_response_for_request(request, pending);
  remaining = request->payload_len == 4 ? *(int *)request->payload : 1;
  send_one();
}

void on_init(void) { api_register_resource_handler("/ping", on_ping); }

void on_destroy(void) {}
