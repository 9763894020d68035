/* Replays a script of attr_container calls on WAMR's implementation and prints the results.
 * One command per line:
 *   create TAG|-             attr_container_create (- for "")
 *   set TYPE KEY HEX|-       attr_container_set_<TYPE>; integers and floats are given as the
 *                            value's little-endian bytes, strings and byte arrays as their bytes
 *   get KEY                  every attr_container_get_as_*: prints the results' bits in hex
 *   dump                     prints the container's bytes (flags and slack included)
 *   json                     reads JSON text from the rest of stdin: json2attr, dump, attr2json */
#include <inttypes.h>
#include <stdio.h>
#include "bi-inc/attr_container.h"
#ifdef WITH_HOST_TOOL
#include "host_tool_utils.h"
#endif

static char value[140000];

static unsigned unhex(const char *hex, char *out) {
  unsigned n = 0;
  if (strcmp(hex, "-") == 0) return 0;
  for (; hex[0] && hex[1]; hex += 2) {
    unsigned byte;
    sscanf(hex, "%2x", &byte);
    out[n++] = (char)byte;
  }
  return n;
}

static void print_hex(const void *p, unsigned n) {
  for (unsigned i = 0; i < n; i++) printf("%02x", ((const unsigned char *)p)[i]);
}

static void dump(const attr_container_t *c) {
  printf("bytes ");
  print_hex(c, attr_container_get_serialize_length(c));
  printf("\n");
}

int main(void) {
  attr_container_t *c = NULL;
  char command[16], key[256], type[16], hex[280000];
  while (scanf("%15s", command) == 1) {
    if (strcmp(command, "create") == 0) {
      scanf("%255s", key);
      c = attr_container_create(strcmp(key, "-") == 0 ? "" : key);
    } else if (strcmp(command, "set") == 0) {
      scanf("%15s %255s %279999s", type, key, hex);
      unsigned n = unhex(hex, value);
      int8_t i8; int16_t i16; int32_t i32; int64_t i64; float f; double d;
      memcpy(&i8, value, 1); memcpy(&i16, value, 2); memcpy(&i32, value, 4); memcpy(&i64, value, 8);
      memcpy(&f, value, 4); memcpy(&d, value, 8);
      bool ok = false;
      if (!strcmp(type, "int8")) ok = attr_container_set_int8(&c, key, i8);
      else if (!strcmp(type, "int16")) ok = attr_container_set_int16(&c, key, i16);
      else if (!strcmp(type, "int32")) ok = attr_container_set_int32(&c, key, i32);
      else if (!strcmp(type, "int64")) ok = attr_container_set_int64(&c, key, i64);
      else if (!strcmp(type, "uint8")) ok = attr_container_set_uint8(&c, key, (uint8_t)i8);
      else if (!strcmp(type, "uint16")) ok = attr_container_set_uint16(&c, key, (uint16_t)i16);
      else if (!strcmp(type, "uint32")) ok = attr_container_set_uint32(&c, key, (uint32_t)i32);
      else if (!strcmp(type, "uint64")) ok = attr_container_set_uint64(&c, key, (uint64_t)i64);
      else if (!strcmp(type, "float")) ok = attr_container_set_float(&c, key, f);
      else if (!strcmp(type, "double")) ok = attr_container_set_double(&c, key, d);
      else if (!strcmp(type, "bool")) ok = attr_container_set_bool(&c, key, i8 != 0);
      else if (!strcmp(type, "string")) { value[n] = 0; ok = attr_container_set_string(&c, key, value); }
      else if (!strcmp(type, "bytearray")) ok = attr_container_set_bytearray(&c, key, (int8_t *)value, n);
      if (!ok) printf("set failed\n");
    } else if (strcmp(command, "get") == 0) {
      scanf("%255s", key);
      int8_t i8 = attr_container_get_as_int8(c, key);
      uint8_t u8 = attr_container_get_as_uint8(c, key);
      int16_t i16 = attr_container_get_as_int16(c, key);
      uint16_t u16 = attr_container_get_as_uint16(c, key);
      int32_t i32 = attr_container_get_as_int32(c, key);
      uint32_t u32 = attr_container_get_as_uint32(c, key);
      int64_t i64 = attr_container_get_as_int64(c, key);
      uint64_t u64 = attr_container_get_as_uint64(c, key);
      float f = attr_container_get_as_float(c, key);
      double d = attr_container_get_as_double(c, key);
      unsigned length = 0;
      const int8_t *bytes = attr_container_get_as_bytearray(c, key, &length);
      printf("get %s ", key);
      print_hex(&i8, 1); printf(" "); print_hex(&u8, 1); printf(" ");
      print_hex(&i16, 2); printf(" "); print_hex(&u16, 2); printf(" ");
      print_hex(&i32, 4); printf(" "); print_hex(&u32, 4); printf(" ");
      print_hex(&i64, 8); printf(" "); print_hex(&u64, 8); printf(" ");
      print_hex(&f, 4); printf(" "); print_hex(&d, 8); printf(" ");
      print_hex(bytes, bytes ? length : 0);
      printf("\n");
    } else if (strcmp(command, "dump") == 0) {
      dump(c);
    }
#ifdef WITH_HOST_TOOL
    else if (strcmp(command, "json") == 0) {
      static char text[1 << 20];
      size_t n = fread(text, 1, sizeof text - 1, stdin);
      text[n] = 0;
      cJSON *json = cJSON_Parse(text);
      attr_container_t *converted = json ? json2attr(json) : NULL;
      if (!converted) {
        printf("json2attr failed\n");
        return 0;
      }
      dump(converted);
      char *back = cJSON_PrintUnformatted(attr2json(converted));
      printf("json %s\n", back);
      return 0;
    }
#endif
  }
  return 0;
}
