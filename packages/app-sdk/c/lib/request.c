/*
 * Resources, events and request transactions: the app side of WAMR's request.c.
 *
 * Handlers live in one list, newest first; on_request gives a request to the first resource
 * handler whose URL prefixes the request's, and an event (COAP_EVENT) to the first event
 * handler whose URL prefixes the event's, as WAMR's library does. A request with no handler
 * gets no response (the sender's transaction times out), also as in WAMR.
 *
 * Each api_send_request is a transaction, kept in the order sent (so also in the order they
 * expire); one timer, set for the oldest, calls the handler of each expired transaction with
 * a NULL response after TRANSACTION_TIMEOUT_MS. The timer is created once and stopped when
 * no transaction is left (WAMR's library cancels it and creates another for the next request,
 * using up one of the app's timers each time).
 */
#include "wasm_app.h"
#include "wa-inc/request.h"
#include "wa-inc/timer_wasm_app.h"
#include "app_natives.h"
#include "timer_internal.h"

#define TRANSACTION_TIMEOUT_MS 5000

typedef enum { REG_EVENT, REG_REQUEST } reg_type_t;

typedef struct res_register {
  struct res_register *next;
  const char *url;
  reg_type_t reg_type;
  request_handler_f handler;
} res_register_t;

typedef struct transaction {
  struct transaction *next;
  uint32 mid;
  uint32 start_ms;
  response_handler_f handler;
  void *user_data;
} transaction_t;

static res_register_t *g_resources = NULL;
static transaction_t *g_transactions = NULL;
static user_timer_t g_trans_timer = NULL;

/*
 * Not inlined, as in WAMR's build: an app then imports both wasm_register_resource and
 * wasm_sub_event whichever it uses, so its import list is the one WAMR's toolchain produces.
 */
__attribute__((noinline)) static bool register_url_handler(const char *url, request_handler_f handler, reg_type_t reg_type) {
  res_register_t *r;

  for (r = g_resources; r != NULL; r = r->next) {
    if (r->reg_type == reg_type && strcmp(r->url, url) == 0) {
      r->handler = handler;
      return true;
    }
  }

  r = (res_register_t *)malloc(sizeof(res_register_t));
  if (r == NULL)
    return false;
  r->url = strdup(url);
  if (r->url == NULL) {
    free(r);
    return false;
  }
  r->handler = handler;
  r->reg_type = reg_type;
  r->next = g_resources;
  g_resources = r;

  /* ask the runtime to route this URL (or event) to this app */
  if (reg_type == REG_REQUEST)
    wasm_register_resource(url);
  else
    wasm_sub_event(url);
  return true;
}

bool api_register_resource_handler(const char *url, request_handler_f handler) {
  return register_url_handler(url, handler, REG_REQUEST);
}

bool api_subscribe_event(const char *url, request_handler_f handler) {
  return register_url_handler(url, handler, REG_EVENT);
}

/* Milliseconds left before a transaction started at start_ms expires (the tick wraps). */
static uint32 ms_to_expiry(uint32 start_ms) {
  uint32 elapsed = wasm_get_sys_tick_ms() - start_ms;
  return elapsed >= TRANSACTION_TIMEOUT_MS ? 0 : TRANSACTION_TIMEOUT_MS - elapsed;
}

/* Sets the transaction timer for the oldest transaction, or stops it when there is none. */
static void rearm_transaction_timer(void) {
  if (g_trans_timer == NULL)
    return;
  if (g_transactions != NULL) {
    uint32 left = ms_to_expiry(g_transactions->start_ms);
    /* an interval of 0 could mean "never" to a runtime: fire as soon as possible instead */
    api_timer_restart(g_trans_timer, left > 0 ? (int)left : 1);
  } else {
    app_timer_stop(g_trans_timer);
  }
}

static void transaction_timeout_handler(user_timer_t timer) {
  (void)timer;
  /* The list is in the order sent, so the expired ones are at its head. */
  while (g_transactions != NULL && ms_to_expiry(g_transactions->start_ms) == 0) {
    transaction_t *expired = g_transactions;
    g_transactions = expired->next;
    expired->handler(NULL, expired->user_data);
    free(expired);
  }
  rearm_transaction_timer();
}

void api_send_request(request_t *request, response_handler_f response_handler, void *user_data) {
  transaction_t *trans, **tail;
  char *packet;
  int size;

  trans = (transaction_t *)malloc(sizeof(transaction_t));
  if (trans == NULL) {
    printf("send request: allocate memory for request transaction failed!\n");
    return;
  }
  trans->next = NULL;
  trans->mid = request->mid;
  trans->start_ms = wasm_get_sys_tick_ms();
  trans->handler = response_handler;
  trans->user_data = user_data;

  packet = pack_request(request, &size);
  if (packet == NULL) {
    printf("send request: pack request failed!\n");
    free(trans);
    return;
  }

  for (tail = &g_transactions; *tail != NULL; tail = &(*tail)->next)
    ;
  *tail = trans;
  if (trans == g_transactions) {
    /* the only transaction: the timer is for it */
    if (g_trans_timer == NULL)
      g_trans_timer = api_timer_create(TRANSACTION_TIMEOUT_MS, false, true, transaction_timeout_handler);
    else
      api_timer_restart(g_trans_timer, TRANSACTION_TIMEOUT_MS);
  }

  wasm_post_request(packet, size);
  free_req_resp_packet(packet);
}

void api_response_send(response_t *response) {
  int size;
  char *packet = pack_response(response, &size);

  if (packet == NULL)
    return;
  wasm_response_send(packet, size);
  free_req_resp_packet(packet);
}

bool api_publish_event(const char *url, int fmt, void *payload, int payload_len) {
  request_t request[1];
  char *packet;
  int size;

  init_request(request, (char *)url, COAP_EVENT, fmt, payload, payload_len);
  packet = pack_request(request, &size);
  if (packet == NULL)
    return false;
  wasm_post_request(packet, size);
  free_req_resp_packet(packet);
  return true;
}

APP_ENTRY_POINT void on_request(char *buffer, int size) {
  request_t request[1];
  reg_type_t wanted;
  res_register_t *r;

  if (unpack_request(buffer, size, request) == NULL) {
    printf("unpack request failed\n");
    return;
  }

  wanted = request->action == COAP_EVENT ? REG_EVENT : REG_REQUEST;
  for (r = g_resources; r != NULL; r = r->next) {
    if (r->reg_type == wanted && check_url_start(request->url, (int)strlen(request->url), r->url) > 0) {
      r->handler(request);
      return;
    }
  }
  printf("on_request: exit. no service handler\n");
}

APP_ENTRY_POINT void on_response(char *buffer, int size) {
  response_t response[1];
  transaction_t **link, *trans;
  bool was_oldest;

  if (unpack_response(buffer, size, response) == NULL) {
    printf("unpack response failed\n");
    return;
  }

  for (link = &g_transactions; *link != NULL && (*link)->mid != response->mid; link = &(*link)->next)
    ;
  trans = *link;
  if (trans == NULL) {
    printf("cannot find the transaction\n");
    return;
  }

  was_oldest = trans == g_transactions;
  *link = trans->next;
  if (was_oldest)
    rearm_transaction_timer();

  trans->handler(response, trans->user_data);
  free(trans);
}
