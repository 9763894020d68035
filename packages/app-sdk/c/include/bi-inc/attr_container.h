/*
 * microwasm app SDK: attr_container, WAMR's key/value payload format (fmt 99).
 *
 * In memory a container is its serialized bytes: 2 bytes of flags, then a little-endian u32
 * total length (counting from itself to the end of the buffer, slack included), the tag
 * (u16 length with NUL, bytes), a u16 attribute count, the attributes, and zeroed slack.
 * Each attribute is a u16 key length (with NUL), the key, a type byte and the value: 1 << (type
 * & 3) bytes for the fixed-size types, u16 length + bytes (NUL included) for strings, u32
 * length + bytes for byte arrays. A new container reserves 100 bytes of slack, and a set that
 * does not fit grows it by the attribute's size + 100, as WAMR does, so the bytes match.
 */
#ifndef MICROWASM_APP_ATTR_CONTAINER_H
#define MICROWASM_APP_ATTR_CONTAINER_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "bh_platform.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Type tags since WAMR 1.2.0; the value size of a fixed-size type is 1 << (tag & 3). */
enum {
  ATTR_TYPE_BEGIN = 0,
  ATTR_TYPE_BYTE = ATTR_TYPE_BEGIN,
  ATTR_TYPE_INT8 = ATTR_TYPE_BYTE,
  ATTR_TYPE_SHORT,
  ATTR_TYPE_INT16 = ATTR_TYPE_SHORT,
  ATTR_TYPE_INT,
  ATTR_TYPE_INT32 = ATTR_TYPE_INT,
  ATTR_TYPE_INT64,
  ATTR_TYPE_UINT8,
  ATTR_TYPE_UINT16,
  ATTR_TYPE_UINT32,
  ATTR_TYPE_UINT64,
  ATTR_TYPE_FLOAT = 10,
  ATTR_TYPE_DOUBLE,
  ATTR_TYPE_BOOLEAN,
  ATTR_TYPE_STRING,
  ATTR_TYPE_BYTEARRAY,
  ATTR_TYPE_END = ATTR_TYPE_BYTEARRAY
};

/* The read-only flag is bit 2 of the flags, set by attr_container_serialize. */
#define ATTR_CONT_READONLY_SHIFT 2

typedef struct attr_container {
  char flags[2];
  /* total length, tag, attribute count, attributes, slack */
  char buf[1];
} attr_container_t;

/* NULL when the app heap has no room. */
attr_container_t *attr_container_create(const char *tag);
void attr_container_destroy(const attr_container_t *attr_cont);

/* Setters take the container's address: a set that needs more room moves the container. */
bool attr_container_set_short(attr_container_t **p_attr_cont, const char *key, short value);
bool attr_container_set_int16(attr_container_t **p_attr_cont, const char *key, int16_t value);
bool attr_container_set_int(attr_container_t **p_attr_cont, const char *key, int value);
bool attr_container_set_int32(attr_container_t **p_attr_cont, const char *key, int32_t value);
bool attr_container_set_uint32(attr_container_t **p_attr_cont, const char *key, uint32_t value);
bool attr_container_set_int64(attr_container_t **p_attr_cont, const char *key, int64_t value);
bool attr_container_set_uint64(attr_container_t **p_attr_cont, const char *key, uint64_t value);
bool attr_container_set_byte(attr_container_t **p_attr_cont, const char *key, int8_t value);
bool attr_container_set_int8(attr_container_t **p_attr_cont, const char *key, int8_t value);
bool attr_container_set_uint8(attr_container_t **p_attr_cont, const char *key, uint8_t value);
bool attr_container_set_uint16(attr_container_t **p_attr_cont, const char *key, uint16_t value);
bool attr_container_set_float(attr_container_t **p_attr_cont, const char *key, float value);
bool attr_container_set_double(attr_container_t **p_attr_cont, const char *key, double value);
bool attr_container_set_bool(attr_container_t **p_attr_cont, const char *key, bool value);
bool attr_container_set_string(attr_container_t **p_attr_cont, const char *key, const char *value);
bool attr_container_set_bytearray(attr_container_t **p_attr_cont, const char *key,
                                  const int8_t *value, unsigned length);

const char *attr_container_get_tag(const attr_container_t *attr_cont);
uint16_t attr_container_get_attr_num(const attr_container_t *attr_cont);
bool attr_container_contain_key(const attr_container_t *attr_cont, const char *key);

/*
 * Getters copy the stored value's bytes (little-endian) into the requested type: a wider
 * stored value is truncated, a narrower one zero-extended, as in WAMR's wasm builds. A
 * missing key gives 0.
 */
short attr_container_get_as_short(const attr_container_t *attr_cont, const char *key);
int16_t attr_container_get_as_int16(const attr_container_t *attr_cont, const char *key);
int attr_container_get_as_int(const attr_container_t *attr_cont, const char *key);
int32_t attr_container_get_as_int32(const attr_container_t *attr_cont, const char *key);
uint32_t attr_container_get_as_uint32(const attr_container_t *attr_cont, const char *key);
int64_t attr_container_get_as_int64(const attr_container_t *attr_cont, const char *key);
uint64_t attr_container_get_as_uint64(const attr_container_t *attr_cont, const char *key);
int8_t attr_container_get_as_byte(const attr_container_t *attr_cont, const char *key);
int8_t attr_container_get_as_int8(const attr_container_t *attr_cont, const char *key);
uint8_t attr_container_get_as_uint8(const attr_container_t *attr_cont, const char *key);
uint16_t attr_container_get_as_uint16(const attr_container_t *attr_cont, const char *key);
float attr_container_get_as_float(const attr_container_t *attr_cont, const char *key);
double attr_container_get_as_double(const attr_container_t *attr_cont, const char *key);
bool attr_container_get_as_bool(const attr_container_t *attr_cont, const char *key);
/* Points into the container (NUL-terminated for strings); NULL for a missing key. */
char *attr_container_get_as_string(const attr_container_t *attr_cont, const char *key);
const int8_t *attr_container_get_as_bytearray(const attr_container_t *attr_cont, const char *key,
                                              unsigned *array_length);

/* 2 + the total length: the bytes to send as a fmt 99 payload. */
unsigned attr_container_get_serialize_length(const attr_container_t *attr_cont);
/* Copies the container to buf and marks the copy read-only. */
bool attr_container_serialize(char *buf, const attr_container_t *attr_cont);
bool attr_container_is_constant(const attr_container_t *attr_cont);
/* Prints the tag and each attribute with printf, in WAMR's wording. */
void attr_container_dump(const attr_container_t *attr_cont);

#ifndef attr_container_malloc
#define attr_container_malloc WA_MALLOC
#endif
#ifndef attr_container_free
#define attr_container_free WA_FREE
#endif
#ifndef attr_container_printf
#define attr_container_printf printf
#endif

#ifdef __cplusplus
}
#endif

#endif
