/** Request actions (CoAP method codes, WAMR's `wa-inc/request.h`). */
export const Action = { GET: 1, POST: 2, PUT: 3, DELETE: 4, EVENT: 6 } as const;
export type ActionName = keyof typeof Action;

/** Response status codes (CoAP class·32 + detail), WAMR's names. */
export const Status = {
  CREATED: 65,
  DELETED: 66,
  VALID: 67,
  CHANGED: 68,
  CONTENT: 69,
  CONTINUE: 95,
  BAD_REQUEST: 128,
  UNAUTHORIZED: 129,
  BAD_OPTION: 130,
  FORBIDDEN: 131,
  NOT_FOUND: 132,
  METHOD_NOT_ALLOWED: 133,
  NOT_ACCEPTABLE: 134,
  PRECONDITION_FAILED: 140,
  TOO_LARGE: 141,
  UNSUPPORTED_MEDIA: 143,
  INTERNAL_SERVER_ERROR: 160,
  NOT_IMPLEMENTED: 161,
  BAD_GATEWAY: 162,
  SERVICE_UNAVAILABLE: 163,
  GATEWAY_TIMEOUT: 164,
  PROXYING_NOT_SUPPORTED: 165,
  MEMORY_ALLOCATION_ERROR: 192,
  PACKET_SERIALIZATION_ERROR: 193,
  MANUAL_RESPONSE: 194,
  PING_RESPONSE: 195,
} as const;

/** Payload formats. */
export const Format = { ATTR_CONTAINER: 99, APP_RAW_BINARY: 98 } as const;

/** WAMR's special module ids (`app_manager_export.h`), as the u32 a packet carries. */
export const ID_HOST = 0xfffffffd;
export const ID_APP_MGR = 0xfffffffe;
export const ID_NONE = 0xffffffff;
