/*
 * microwasm app SDK: resources, requests, responses and events (WAMR's wa-inc/request.h).
 * The library's on_request entry point dispatches incoming requests to the handler whose
 * resource URL prefixes the request's (check_url_start), and events (COAP_EVENT) to the
 * handler subscribed to them; on_response finds the transaction of api_send_request.
 */
#ifndef MICROWASM_APP_REQUEST_H
#define MICROWASM_APP_REQUEST_H

#include "bi-inc/shared_utils.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CoAP methods, as the request packet's action byte. */
typedef enum {
  COAP_GET = 1,
  COAP_POST,
  COAP_PUT,
  COAP_DELETE,
  COAP_EVENT = (COAP_DELETE + 2)
} coap_method_t;

/* CoAP response codes: class * 32 + detail. */
typedef enum {
  NO_ERROR = 0,
  CREATED_2_01 = 65,
  DELETED_2_02 = 66,
  VALID_2_03 = 67,
  CHANGED_2_04 = 68,
  CONTENT_2_05 = 69,
  CONTINUE_2_31 = 95,
  BAD_REQUEST_4_00 = 128,
  UNAUTHORIZED_4_01 = 129,
  BAD_OPTION_4_02 = 130,
  FORBIDDEN_4_03 = 131,
  NOT_FOUND_4_04 = 132,
  METHOD_NOT_ALLOWED_4_05 = 133,
  NOT_ACCEPTABLE_4_06 = 134,
  PRECONDITION_FAILED_4_12 = 140,
  REQUEST_ENTITY_TOO_LARGE_4_13 = 141,
  UNSUPPORTED_MEDIA_TYPE_4_15 = 143,
  INTERNAL_SERVER_ERROR_5_00 = 160,
  NOT_IMPLEMENTED_5_01 = 161,
  BAD_GATEWAY_5_02 = 162,
  SERVICE_UNAVAILABLE_5_03 = 163,
  GATEWAY_TIMEOUT_5_04 = 164,
  PROXYING_NOT_SUPPORTED_5_05 = 165,
  MEMORY_ALLOCATION_ERROR = 192,
  PACKET_SERIALIZATION_ERROR,
  MANUAL_RESPONSE,
  PING_RESPONSE
} coap_status_t;

typedef void (*request_handler_f)(request_t *request);
/* response is NULL when no response came within 5 s (the transaction timed out). */
typedef void (*response_handler_f)(response_t *response, void *user_data);

/* Routes url to this app; registering a url again replaces its handler. */
bool api_register_resource_handler(const char *url, request_handler_f handler);
void api_send_request(request_t *request, response_handler_f response_handler, void *user_data);
void api_response_send(response_t *response);
bool api_publish_event(const char *url, int fmt, void *payload, int payload_len);
bool api_subscribe_event(const char *url, request_handler_f handler);

#ifdef __cplusplus
}
#endif

#endif
