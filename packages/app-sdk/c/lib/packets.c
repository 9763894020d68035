/*
 * Request and response packets in WAMR's layout, big-endian:
 *   request:  version 1 (u8), action (u8), fmt (u16), mid (u32), sender (u32),
 *             url_len with the NUL (u16), payload_len (u32), url, payload
 *   response: version 1 (u8), status (u8), fmt (u16), mid (u32), receiver (u32),
 *             payload_len (u32), payload
 */
#include "bi-inc/shared_utils.h"

#define PACKET_VERSION 1
#define REQUEST_HEADER_SIZE 18
#define RESPONSE_HEADER_SIZE 16

static void put_u16(char *p, uint16 v) {
  uint16 be = htons(v);
  memcpy(p, &be, 2);
}

static void put_u32(char *p, uint32 v) {
  uint32 be = htonl(v);
  memcpy(p, &be, 4);
}

static uint16 get_u16(const char *p) {
  uint16 be;
  memcpy(&be, p, 2);
  return ntohs(be);
}

static uint32 get_u32(const char *p) {
  uint32 be;
  memcpy(&be, p, 4);
  return ntohl(be);
}

char *pack_request(request_t *request, int *size) {
  int url_len = (int)strlen(request->url) + 1;
  int len = REQUEST_HEADER_SIZE + url_len + request->payload_len;
  char *packet = (char *)WA_MALLOC(len);

  if (packet == NULL)
    return NULL;
  packet[0] = PACKET_VERSION;
  packet[1] = (char)request->action;
  put_u16(packet + 2, (uint16)request->fmt);
  put_u32(packet + 4, request->mid);
  put_u32(packet + 8, (uint32)request->sender);
  put_u16(packet + 12, (uint16)url_len);
  put_u32(packet + 14, (uint32)request->payload_len);
  strcpy(packet + REQUEST_HEADER_SIZE, request->url);
  if (request->payload_len > 0)
    memcpy(packet + REQUEST_HEADER_SIZE + url_len, request->payload, request->payload_len);
  *size = len;
  return packet;
}

request_t *unpack_request(char *packet, int size, request_t *request) {
  uint32 url_len, payload_len;

  if (size < REQUEST_HEADER_SIZE || packet[0] != PACKET_VERSION)
    return NULL;
  url_len = get_u16(packet + 12);
  payload_len = get_u32(packet + 14);
  /* Compared in 64 bits: a huge payload_len must not wrap around to the right size. */
  if ((unsigned long long)size != (unsigned long long)REQUEST_HEADER_SIZE + url_len + payload_len)
    return NULL;
  if (url_len == 0 || packet[REQUEST_HEADER_SIZE + url_len - 1] != 0)
    return NULL;

  request->action = (uint8)packet[1];
  request->fmt = get_u16(packet + 2);
  request->mid = get_u32(packet + 4);
  request->sender = get_u32(packet + 8);
  request->url = packet + REQUEST_HEADER_SIZE;
  request->payload_len = (int)payload_len;
  request->payload = payload_len > 0 ? packet + REQUEST_HEADER_SIZE + url_len : NULL;
  return request;
}

char *pack_response(response_t *response, int *size) {
  int len = RESPONSE_HEADER_SIZE + response->payload_len;
  char *packet = (char *)WA_MALLOC(len);

  if (packet == NULL)
    return NULL;
  packet[0] = PACKET_VERSION;
  packet[1] = (char)response->status;
  put_u16(packet + 2, (uint16)response->fmt);
  put_u32(packet + 4, response->mid);
  put_u32(packet + 8, (uint32)response->reciever);
  put_u32(packet + 12, (uint32)response->payload_len);
  if (response->payload_len > 0)
    memcpy(packet + RESPONSE_HEADER_SIZE, response->payload, response->payload_len);
  *size = len;
  return packet;
}

response_t *unpack_response(char *packet, int size, response_t *response) {
  uint32 payload_len;

  if (size < RESPONSE_HEADER_SIZE || packet[0] != PACKET_VERSION)
    return NULL;
  payload_len = get_u32(packet + 12);
  if ((unsigned long long)size != (unsigned long long)RESPONSE_HEADER_SIZE + payload_len)
    return NULL;

  response->status = (uint8)packet[1];
  response->fmt = get_u16(packet + 2);
  response->mid = get_u32(packet + 4);
  response->reciever = get_u32(packet + 8);
  response->payload_len = (int)payload_len;
  response->payload = payload_len > 0 ? packet + RESPONSE_HEADER_SIZE : NULL;
  return response;
}

void free_req_resp_packet(char *packet) { WA_FREE(packet); }

response_t *set_response(response_t *response, int status, int fmt, const char *payload,
                         int payload_len) {
  response->status = status;
  response->fmt = fmt;
  response->payload = (void *)payload;
  response->payload_len = payload_len;
  return response;
}

response_t *make_response_for_request(request_t *request, response_t *response) {
  response->mid = request->mid;
  response->reciever = request->sender;
  return response;
}

static uint32 last_mid = 0;

request_t *init_request(request_t *request, char *url, int action, int fmt, void *payload,
                        int payload_len) {
  request->url = url;
  request->action = action;
  request->fmt = fmt;
  request->payload = payload;
  request->payload_len = payload_len;
  request->mid = ++last_mid;
  return request;
}

char *wa_strdup(const char *str) {
  size_t len;
  char *copy;

  if (str == NULL)
    return NULL;
  len = strlen(str) + 1;
  copy = (char *)WA_MALLOC(len);
  if (copy != NULL)
    memcpy(copy, str, len);
  return copy;
}

/* Copies the payload when there is one; a payload of length 0 may carry a handle, kept as is. */
static bool clone_payload(void **payload, int payload_len) {
  void *copy;

  if (payload_len <= 0)
    return true;
  copy = WA_MALLOC(payload_len);
  if (copy == NULL) {
    *payload = NULL;
    return false;
  }
  memcpy(copy, *payload, payload_len);
  *payload = copy;
  return true;
}

request_t *clone_request(request_t *request) {
  request_t *copy = (request_t *)WA_MALLOC(sizeof(request_t));

  if (copy == NULL)
    return NULL;
  *copy = *request;
  copy->url = wa_strdup(request->url);
  if (copy->url == NULL || !clone_payload(&copy->payload, copy->payload_len)) {
    request_cleaner(copy);
    return NULL;
  }
  return copy;
}

void request_cleaner(request_t *request) {
  if (request->url != NULL)
    WA_FREE(request->url);
  if (request->payload != NULL && request->payload_len > 0)
    WA_FREE(request->payload);
  WA_FREE(request);
}

response_t *clone_response(response_t *response) {
  response_t *copy = (response_t *)WA_MALLOC(sizeof(response_t));

  if (copy == NULL)
    return NULL;
  *copy = *response;
  if (!clone_payload(&copy->payload, copy->payload_len)) {
    response_cleaner(copy);
    return NULL;
  }
  return copy;
}

void response_cleaner(response_t *response) {
  if (response->payload != NULL && response->payload_len > 0)
    WA_FREE(response->payload);
  WA_FREE(response);
}
