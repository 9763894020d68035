/*
 * attr_container, byte-compatible with WAMR's (see bi-inc/attr_container.h for the layout).
 * Where WAMR's choices decide the bytes, this follows them: a new container has 100 bytes of
 * slack; a set that does not fit allocates total length + attribute size + 100; replacing a
 * key whose value changes size moves that attribute to the end. Unlike WAMR, the slack is
 * always zero (WAMR leaves what malloc returned, or the bytes an attribute moved from), and a
 * serialized (read-only) container refuses sets (WAMR tests the wrong bit).
 */
#include "bi-inc/attr_container.h"

#define SLACK 100
#define READONLY_FLAG (1 << ATTR_CONT_READONLY_SHIFT)

typedef union {
  bool z;
  int8_t i8;
  uint8_t u8;
  int16_t i16;
  uint16_t u16;
  int32_t i32;
  uint32_t u32;
  int64_t i64;
  uint64_t u64;
  float f;
  double d;
} attr_value_t;

static uint16_t get_u16(const char *p) {
  uint16_t v;
  memcpy(&v, p, sizeof(v));
  return v;
}

static uint32_t get_u32(const char *p) {
  uint32_t v;
  memcpy(&v, p, sizeof(v));
  return v;
}

static void set_u16(char *p, uint16_t v) { memcpy(p, &v, sizeof(v)); }

static void set_u32(char *p, uint32_t v) { memcpy(p, &v, sizeof(v)); }

static bool is_fixed_size(int type) { return type >= ATTR_TYPE_BYTE && type <= ATTR_TYPE_BOOLEAN; }

/* The first attribute, or NULL when the header does not fit in the total length. */
static char *attr_begin(const attr_container_t *cont, uint32_t *p_total_length, uint16_t *p_attr_num) {
  const char *p = cont->buf;
  uint32_t total_length = get_u32(p);
  uint16_t tag_len;

  p += 4;
  if (total_length == 0)
    return NULL;
  tag_len = get_u16(p);
  p += 2;
  if (tag_len == 0)
    return NULL;
  p += tag_len;
  if ((uint32_t)(p - cont->buf) >= total_length)
    return NULL;
  if (p_attr_num)
    *p_attr_num = get_u16(p);
  p += 2;
  if ((uint32_t)(p - cont->buf) >= total_length)
    return NULL;
  if (p_total_length)
    *p_total_length = total_length;
  return (char *)p;
}

/* The attribute after attr, or NULL for an unknown type. */
static char *attr_next(const char *attr) {
  const char *p = attr;
  uint8_t type;

  p += 2 + get_u16(p);
  type = (uint8_t)*p++;
  if (is_fixed_size(type))
    return (char *)p + (1 << (type & 3));
  if (type == ATTR_TYPE_STRING)
    return (char *)p + 2 + get_u16(p);
  if (type == ATTR_TYPE_BYTEARRAY)
    return (char *)p + 4 + get_u32(p);
  return NULL;
}

static char *find_attr(const attr_container_t *cont, const char *key) {
  uint32_t total_length;
  uint16_t attr_num, i;
  size_t key_size;
  char *p;

  if (key == NULL || (p = attr_begin(cont, &total_length, &attr_num)) == NULL)
    return NULL;
  key_size = strlen(key) + 1;
  for (i = 0; i < attr_num; i++) {
    uint16_t key_len = get_u16(p);
    if (key_len == 0)
      return NULL;
    if (key_len == key_size && memcmp(p + 2, key, key_size) == 0)
      return (uint32_t)(p + 2 + key_len - cont->buf) < total_length ? p : NULL;
    if ((p = attr_next(p)) == NULL)
      return NULL;
  }
  return NULL;
}

static char *attr_end(const attr_container_t *cont) {
  uint16_t attr_num, i;
  char *p = attr_begin(cont, NULL, &attr_num);

  for (i = 0; p != NULL && i < attr_num; i++)
    p = attr_next(p);
  return p;
}

static char *attr_num_field(attr_container_t *cont) { return cont->buf + 4 + 2 + get_u16(cont->buf + 4); }

uint16_t attr_container_get_attr_num(const attr_container_t *cont) {
  return get_u16(attr_num_field((attr_container_t *)cont));
}

static void inc_attr_num(attr_container_t *cont) {
  char *p = attr_num_field(cont);
  set_u16(p, get_u16(p) + 1);
}

attr_container_t *attr_container_create(const char *tag) {
  int tag_len = tag ? (int)strlen(tag) + 1 : 1;
  int length = (int)offsetof(attr_container_t, buf) + 4 + 2 + tag_len + SLACK;
  attr_container_t *cont = (attr_container_t *)attr_container_malloc(length);

  if (cont == NULL) {
    attr_container_printf("Create attr_container failed: allocate memory failed.\r\n");
    return NULL;
  }
  memset(cont, 0, length);
  set_u32(cont->buf, (uint32_t)(length - offsetof(attr_container_t, buf)));
  set_u16(cont->buf + 4, (uint16_t)tag_len);
  if (tag)
    memcpy(cont->buf + 6, tag, tag_len);
  return cont;
}

void attr_container_destroy(const attr_container_t *cont) {
  if (cont)
    attr_container_free((char *)cont);
}

static bool check_set_attr(attr_container_t **p_cont, const char *key) {
  if (!p_cont || !*p_cont || !key || strlen(key) == 0) {
    attr_container_printf("Set attribute failed: invalid input arguments.\r\n");
    return false;
  }
  if (attr_container_is_constant(*p_cont)) {
    attr_container_printf("Set attribute failed: attribute container is readonly.\r\n");
    return false;
  }
  return true;
}

/* Writes the attribute (key, type, value) at p; returns its size. */
static uint32_t write_attr(char *p, const char *key, int type, const void *value, uint32_t value_length) {
  char *start = p;
  uint16_t key_len = (uint16_t)(strlen(key) + 1);

  set_u16(p, key_len);
  p += 2;
  memcpy(p, key, key_len);
  p += key_len;
  *p++ = (char)type;
  if (is_fixed_size(type)) {
    memcpy(p, value, 1 << (type & 3));
    p += 1 << (type & 3);
  } else if (type == ATTR_TYPE_STRING) {
    set_u16(p, (uint16_t)value_length);
    memcpy(p + 2, value, value_length);
    p += 2 + value_length;
  } else {
    set_u32(p, value_length);
    memcpy(p + 4, value, value_length);
    p += 4 + value_length;
  }
  return (uint32_t)(p - start);
}

static bool set_attr(attr_container_t **p_cont, const char *key, int type, const void *value,
                     uint32_t value_length) {
  attr_container_t *cont, *grown;
  uint32_t total_length, attr_len, kept;
  char *end, *msg_end, *found, *after, *attr_buf;

  if (!check_set_attr(p_cont, key))
    return false;
  cont = *p_cont;
  total_length = get_u32(cont->buf);
  if ((end = attr_end(cont)) == NULL) {
    attr_container_printf("Set attr failed: get attr end failed.\r\n");
    return false;
  }
  msg_end = cont->buf + total_length;

  attr_len = 2 + (uint32_t)strlen(key) + 1 + 1;
  if (is_fixed_size(type))
    attr_len += 1 << (type & 3);
  else if (type == ATTR_TYPE_STRING)
    attr_len += 2 + value_length;
  else
    attr_len += 4 + value_length;

  /* Built aside first: value may point into the container itself. */
  if ((attr_buf = (char *)attr_container_malloc(attr_len)) == NULL) {
    attr_container_printf("Set attr failed: allocate memory failed.\r\n");
    return false;
  }
  write_attr(attr_buf, key, type, value, value_length);

  found = find_attr(cont, key);
  if (found != NULL) {
    after = attr_next(found);
    if ((uint32_t)(after - found) == attr_len) {
      /* same size: replaced in place */
      memcpy(found, attr_buf, attr_len);
      attr_container_free(attr_buf);
      return true;
    }
    if ((uint32_t)(after - found) + (uint32_t)(msg_end - end) >= attr_len) {
      /* fits: the attributes after it move up, and it goes last */
      memmove(found, after, end - after);
      memcpy(found + (end - after), attr_buf, attr_len);
      end = found + (end - after) + attr_len;
      memset(end, 0, msg_end - end);
      attr_container_free(attr_buf);
      return true;
    }
    kept = (uint32_t)(found - (char *)cont);
  } else {
    if ((uint32_t)(msg_end - end) >= attr_len) {
      memcpy(end, attr_buf, attr_len);
      inc_attr_num(cont);
      attr_container_free(attr_buf);
      return true;
    }
    kept = (uint32_t)(end - (char *)cont);
    after = end;
  }

  /* Does not fit: a new buffer, bigger by the attribute + 100 bytes. */
  total_length += attr_len + SLACK;
  grown = (attr_container_t *)attr_container_malloc(offsetof(attr_container_t, buf) + total_length);
  if (grown == NULL) {
    attr_container_printf("Set attr failed: allocate memory failed.\r\n");
    attr_container_free(attr_buf);
    return false;
  }
  memset(grown, 0, offsetof(attr_container_t, buf) + total_length);
  memcpy(grown, cont, kept);
  memcpy((char *)grown + kept, after, end - after);
  memcpy((char *)grown + kept + (end - after), attr_buf, attr_len);
  if (found == NULL)
    inc_attr_num(grown);
  set_u32(grown->buf, total_length);
  *p_cont = grown;
  attr_container_free(cont);
  attr_container_free(attr_buf);
  return true;
}

bool attr_container_set_short(attr_container_t **p_cont, const char *key, short value) {
  return set_attr(p_cont, key, ATTR_TYPE_SHORT, &value, 2);
}

bool attr_container_set_int16(attr_container_t **p_cont, const char *key, int16_t value) {
  return set_attr(p_cont, key, ATTR_TYPE_INT16, &value, 2);
}

bool attr_container_set_int(attr_container_t **p_cont, const char *key, int value) {
  return set_attr(p_cont, key, ATTR_TYPE_INT, &value, 4);
}

bool attr_container_set_int32(attr_container_t **p_cont, const char *key, int32_t value) {
  return set_attr(p_cont, key, ATTR_TYPE_INT32, &value, 4);
}

bool attr_container_set_uint32(attr_container_t **p_cont, const char *key, uint32_t value) {
  return set_attr(p_cont, key, ATTR_TYPE_UINT32, &value, 4);
}

bool attr_container_set_int64(attr_container_t **p_cont, const char *key, int64_t value) {
  return set_attr(p_cont, key, ATTR_TYPE_INT64, &value, 8);
}

bool attr_container_set_uint64(attr_container_t **p_cont, const char *key, uint64_t value) {
  return set_attr(p_cont, key, ATTR_TYPE_UINT64, &value, 8);
}

bool attr_container_set_byte(attr_container_t **p_cont, const char *key, int8_t value) {
  return set_attr(p_cont, key, ATTR_TYPE_BYTE, &value, 1);
}

bool attr_container_set_int8(attr_container_t **p_cont, const char *key, int8_t value) {
  return set_attr(p_cont, key, ATTR_TYPE_INT8, &value, 1);
}

bool attr_container_set_uint8(attr_container_t **p_cont, const char *key, uint8_t value) {
  return set_attr(p_cont, key, ATTR_TYPE_UINT8, &value, 1);
}

bool attr_container_set_uint16(attr_container_t **p_cont, const char *key, uint16_t value) {
  return set_attr(p_cont, key, ATTR_TYPE_UINT16, &value, 2);
}

bool attr_container_set_float(attr_container_t **p_cont, const char *key, float value) {
  return set_attr(p_cont, key, ATTR_TYPE_FLOAT, &value, 4);
}

bool attr_container_set_double(attr_container_t **p_cont, const char *key, double value) {
  return set_attr(p_cont, key, ATTR_TYPE_DOUBLE, &value, 8);
}

bool attr_container_set_bool(attr_container_t **p_cont, const char *key, bool value) {
  int8_t byte = value ? 1 : 0;
  return set_attr(p_cont, key, ATTR_TYPE_BOOLEAN, &byte, 1);
}

bool attr_container_set_string(attr_container_t **p_cont, const char *key, const char *value) {
  if (!value) {
    attr_container_printf("Set attr failed: invald input arguments.\r\n");
    return false;
  }
  return set_attr(p_cont, key, ATTR_TYPE_STRING, value, (uint32_t)strlen(value) + 1);
}

bool attr_container_set_bytearray(attr_container_t **p_cont, const char *key, const int8_t *value,
                                  unsigned length) {
  if (!value) {
    attr_container_printf("Set attr failed: invald input arguments.\r\n");
    return false;
  }
  return set_attr(p_cont, key, ATTR_TYPE_BYTEARRAY, value, length);
}

/* The type byte of key's attribute, or NULL. */
static const char *get_attr(const attr_container_t *cont, const char *key) {
  const char *attr;

  if (!cont || !key) {
    attr_container_printf("Get attribute failed: invalid input arguments.\r\n");
    return NULL;
  }
  if ((attr = find_attr(cont, key)) == NULL) {
    attr_container_printf("Get attribute failed: lookup key failed.\r\n");
    return NULL;
  }
  return attr + 2 + strlen(key) + 1;
}

/*
 * The stored value's bytes in a zeroed union: whichever member the caller reads sees them
 * little-endian, truncated or zero-extended. Strings and byte arrays give their first bytes.
 */
static attr_value_t get_value(const attr_container_t *cont, const char *key, size_t wanted_size) {
  attr_value_t value;
  const char *p = get_attr(cont, key);
  uint8_t type;
  size_t len;

  value.u64 = 0;
  if (p == NULL)
    return value;
  type = (uint8_t)*p++;
  if (is_fixed_size(type)) {
    len = (size_t)1 << (type & 3);
  } else if (type == ATTR_TYPE_STRING) {
    len = get_u16(p);
    p += 2;
  } else if (type == ATTR_TYPE_BYTEARRAY) {
    len = get_u32(p);
    p += 4;
  } else {
    return value;
  }
  if (!is_fixed_size(type) && len > wanted_size)
    len = wanted_size;
  memcpy(&value, p, len);
  return value;
}

short attr_container_get_as_short(const attr_container_t *cont, const char *key) {
  return get_value(cont, key, sizeof(int16_t)).i16;
}

int16_t attr_container_get_as_int16(const attr_container_t *cont, const char *key) {
  return attr_container_get_as_short(cont, key);
}

int attr_container_get_as_int(const attr_container_t *cont, const char *key) {
  return get_value(cont, key, sizeof(int32_t)).i32;
}

int32_t attr_container_get_as_int32(const attr_container_t *cont, const char *key) {
  return attr_container_get_as_int(cont, key);
}

uint32_t attr_container_get_as_uint32(const attr_container_t *cont, const char *key) {
  return (uint32_t)attr_container_get_as_int(cont, key);
}

int64_t attr_container_get_as_int64(const attr_container_t *cont, const char *key) {
  return get_value(cont, key, sizeof(int64_t)).i64;
}

uint64_t attr_container_get_as_uint64(const attr_container_t *cont, const char *key) {
  return (uint64_t)attr_container_get_as_int64(cont, key);
}

int8_t attr_container_get_as_byte(const attr_container_t *cont, const char *key) {
  return get_value(cont, key, sizeof(int8_t)).i8;
}

int8_t attr_container_get_as_int8(const attr_container_t *cont, const char *key) {
  return attr_container_get_as_byte(cont, key);
}

uint8_t attr_container_get_as_uint8(const attr_container_t *cont, const char *key) {
  return (uint8_t)attr_container_get_as_byte(cont, key);
}

uint16_t attr_container_get_as_uint16(const attr_container_t *cont, const char *key) {
  return (uint16_t)attr_container_get_as_short(cont, key);
}

float attr_container_get_as_float(const attr_container_t *cont, const char *key) {
  return get_value(cont, key, sizeof(float)).f;
}

double attr_container_get_as_double(const attr_container_t *cont, const char *key) {
  return get_value(cont, key, sizeof(double)).d;
}

bool attr_container_get_as_bool(const attr_container_t *cont, const char *key) {
  return get_value(cont, key, sizeof(bool)).z;
}

const int8_t *attr_container_get_as_bytearray(const attr_container_t *cont, const char *key,
                                              unsigned *array_length) {
  const char *p = get_attr(cont, key);
  uint8_t type;

  if (p == NULL)
    return NULL;
  if (!array_length) {
    attr_container_printf("Get attribute failed: invalid input arguments.");
    return NULL;
  }
  type = (uint8_t)*p++;
  if (is_fixed_size(type)) {
    *array_length = 1u << (type & 3);
  } else if (type == ATTR_TYPE_STRING) {
    *array_length = get_u16(p);
    p += 2;
  } else if (type == ATTR_TYPE_BYTEARRAY) {
    *array_length = get_u32(p);
    p += 4;
  } else {
    return NULL;
  }
  return (const int8_t *)p;
}

char *attr_container_get_as_string(const attr_container_t *cont, const char *key) {
  unsigned length;
  return (char *)attr_container_get_as_bytearray(cont, key, &length);
}

const char *attr_container_get_tag(const attr_container_t *cont) {
  return cont ? cont->buf + 4 + 2 : NULL;
}

bool attr_container_contain_key(const attr_container_t *cont, const char *key) {
  if (!cont || !key || !strlen(key)) {
    attr_container_printf("Check contain key failed: invalid input arguments.\r\n");
    return false;
  }
  return find_attr(cont, key) != NULL;
}

unsigned attr_container_get_serialize_length(const attr_container_t *cont) {
  if (!cont) {
    attr_container_printf("Get container serialize length failed: invalid input arguments.\r\n");
    return 0;
  }
  return 2 + get_u32(cont->buf);
}

bool attr_container_serialize(char *buf, const attr_container_t *cont) {
  if (!buf || !cont) {
    attr_container_printf("Container serialize failed: invalid input arguments.\r\n");
    return false;
  }
  memcpy(buf, cont, 2 + get_u32(cont->buf));
  set_u16(buf, get_u16(cont->flags) | READONLY_FLAG);
  return true;
}

bool attr_container_is_constant(const attr_container_t *cont) {
  if (!cont) {
    attr_container_printf("Container check const: invalid input arguments.\r\n");
    return false;
  }
  return (get_u16(cont->flags) & READONLY_FLAG) != 0;
}

/* Same wording as WAMR's dump, including its "int64" for uint64 values. */
void attr_container_dump(const attr_container_t *cont) {
  uint16_t attr_num, i;
  uint32_t total_length;
  attr_value_t v;
  const char *p, *attr, *tag, *key;
  uint8_t type;

  if (!cont || (tag = attr_container_get_tag(cont)) == NULL)
    return;
  attr_container_printf("Attribute container dump:\n");
  attr_container_printf("Tag: %s\n", tag);
  if ((p = attr_begin(cont, &total_length, &attr_num)) == NULL)
    return;
  attr_container_printf("Attribute list:\n");
  for (i = 0; i < attr_num; i++) {
    attr = p;
    key = p + 2;
    p += 2 + get_u16(p);
    type = (uint8_t)*p++;
    attr_container_printf("  key: %s", key);
    v.u64 = 0;
    if (is_fixed_size(type))
      memcpy(&v, p, 1 << (type & 3));
    switch (type) {
    case ATTR_TYPE_BYTE:
      attr_container_printf(", type: byte, value: 0x%x\n", v.i8 & 0xFF);
      break;
    case ATTR_TYPE_SHORT:
      attr_container_printf(", type: short, value: 0x%x\n", v.i16 & 0xFFFF);
      break;
    case ATTR_TYPE_INT:
      attr_container_printf(", type: int, value: 0x%x\n", v.i32);
      break;
    case ATTR_TYPE_INT64:
    case ATTR_TYPE_UINT64:
      attr_container_printf(", type: int64, value: 0x%llx\n", (unsigned long long)v.u64);
      break;
    case ATTR_TYPE_UINT8:
      attr_container_printf(", type: uint8, value: 0x%x\n", v.u8);
      break;
    case ATTR_TYPE_UINT16:
      attr_container_printf(", type: uint16, value: 0x%x\n", v.u16);
      break;
    case ATTR_TYPE_UINT32:
      attr_container_printf(", type: uint32, value: 0x%x\n", v.u32);
      break;
    case ATTR_TYPE_FLOAT:
      attr_container_printf(", type: float, value: %f\n", v.f);
      break;
    case ATTR_TYPE_DOUBLE:
      attr_container_printf(", type: double, value: %f\n", v.d);
      break;
    case ATTR_TYPE_BOOLEAN:
      attr_container_printf(", type: bool, value: 0x%x\n", v.z);
      break;
    case ATTR_TYPE_STRING:
      attr_container_printf(", type: string, value: %s\n", p + 2);
      break;
    case ATTR_TYPE_BYTEARRAY:
      attr_container_printf(", type: byte array, length: %d\n", get_u32(p));
      break;
    default:
      /* an unknown type: the rest cannot be walked */
      attr_container_printf(", unknown type %d\n", type);
      return;
    }
    p = attr_next(attr);
  }
  attr_container_printf("\n");
}
