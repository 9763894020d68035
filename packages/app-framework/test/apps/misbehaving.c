/*
 * An app that misbehaves on request: /trap traps (unreachable), /spin never returns, /ok
 * answers 2.05. on_init prints "ready". Built by the watchdog tests with microwasm-app-cc.
 */
#include "wasm_app.h"
#include "wa-inc/request.h"

static volatile int spins = 0;

static void reply(request_t *request, int status) {
  response_t response[1];

  make_response_for_request(request, response);
  set_response(response, status, 0, NULL, 0);
  api_response_send(response);
}

static void on_trap(request_t *request) {
  (void)request;
  __builtin_trap();
}

static void on_spin(request_t *request) {
  (void)request;
  for (;;)
    spins++;
}

static void on_ok(request_t *request) { reply(request, CONTENT_2_05); }

void on_init(void) {
  api_register_resource_handler("/trap", on_trap);
  api_register_resource_handler("/spin", on_spin);
  api_register_resource_handler("/ok", on_ok);
  printf("ready\n");
}

void on_destroy(void) { printf("destroyed\n"); }
