/*
 * microwasm app SDK: requests and responses as the app sees them, and their packing into the
 * packets the runtime routes (WAMR's layout: an 18-byte request header and a 16-byte response
 * header, big-endian, then the URL with its NUL and the payload).
 */
#ifndef MICROWASM_APP_SHARED_UTILS_H
#define MICROWASM_APP_SHARED_UTILS_H

#include "bh_platform.h"

#ifdef __cplusplus
extern "C" {
#endif

#define FMT_ATTR_CONTAINER 99
#define FMT_APP_RAW_BINARY 98

typedef struct request {
  uint32 mid;
  char *url;
  /* COAP_GET, COAP_POST, COAP_PUT, COAP_DELETE or COAP_EVENT */
  int action;
  int fmt;
  void *payload;
  int payload_len;
  unsigned long sender;
} request_t;

typedef struct response {
  uint32 mid;
  int status;
  int fmt;
  void *payload;
  int payload_len;
  /* WAMR's spelling, kept so that apps written for it compile. */
  unsigned long reciever;
} response_t;

/*
 * Whether url starts with the resource leading_str: a leading '/' is optional on both, a
 * trailing '/' on leading_str is ignored, and the match must end at the end of url, at '/' or
 * at '?'. Returns 0 when it does not match, else the offset in url just past the match.
 */
int check_url_start(const char *url, int url_len, const char *leading_str);
/* "/a" matches only "/a"; "/a/" matches "/a" and "/a/..."; "/a*" any url starting "/a". */
bool match_url(char *pattern, char *matched);
/* The value of key in "k1=v1;k2=v2" (with the given delimiter), copied into value. */
char *find_key_value(char *buffer, int buffer_len, char *key, char *value, int value_len,
                     char delimiter);

request_t *clone_request(request_t *request);
void request_cleaner(request_t *request);
response_t *clone_response(response_t *response);
void response_cleaner(response_t *response);

response_t *set_response(response_t *response, int status, int fmt, const char *payload,
                         int payload_len);
response_t *make_response_for_request(request_t *request, response_t *response);
/* Fills a request and gives it the next message id (1, 2, ...). */
request_t *init_request(request_t *request, char *url, int action, int fmt, void *payload,
                        int payload_len);

char *pack_request(request_t *request, int *size);
request_t *unpack_request(char *packet, int size, request_t *request);
char *pack_response(response_t *response, int *size);
response_t *unpack_response(char *packet, int size, response_t *response);
void free_req_resp_packet(char *packet);
char *wa_strdup(const char *str);

#ifdef __cplusplus
}
#endif

#endif
