/*
 * attr_container cases for the layout tests: each function builds a container and returns
 * it (the test reads attr_container_get_serialize_length(it) bytes at that address).
 */
#include "wasm_app.h"

void on_init(void) {}

/* host_tool's conversion of {"a":1.5,"s":"x","b":true}: 109 bytes on WAMR */
attr_container_t *json_example(void) {
  attr_container_t *c = attr_container_create("");
  attr_container_set_double(&c, "a", 1.5);
  attr_container_set_string(&c, "s", "x");
  attr_container_set_bool(&c, "b", true);
  return c;
}

/* the app manager's reply to a query with no app: tag "Applets Info", num 0 */
attr_container_t *applets_info(void) {
  attr_container_t *c = attr_container_create("Applets Info");
  attr_container_set_int(&c, "num", 0);
  return c;
}

/* an attribute bigger than the slack: the container grows by it + 100 */
attr_container_t *grown(void) {
  static int8_t bytes[120];
  attr_container_t *c = attr_container_create("");
  for (int i = 0; i < 120; i++)
    bytes[i] = (int8_t)i;
  attr_container_set_bytearray(&c, "k", bytes, sizeof(bytes));
  return c;
}

/* replacing "a" with a longer value moves it after "b" */
attr_container_t *replaced(void) {
  attr_container_t *c = attr_container_create("t");
  attr_container_set_string(&c, "a", "x");
  attr_container_set_string(&c, "b", "y");
  attr_container_set_string(&c, "a", "longer");
  attr_container_set_int(&c, "n", 1);
  attr_container_set_int(&c, "n", 2); /* same size: in place */
  return c;
}

/* the getters' conversions, packed into a container of results */
attr_container_t *conversions(void) {
  attr_container_t *c = attr_container_create("in"), *out = attr_container_create("out");
  attr_container_set_int64(&c, "i64", 0x1122334455667788ll);
  attr_container_set_string(&c, "s", "abc");
  attr_container_set_uint8(&c, "u8", 0xfe);
  attr_container_set_float(&c, "f", 2.5f);
  attr_container_set_int(&out, "i64_as_int", attr_container_get_as_int(c, "i64"));
  attr_container_set_int(&out, "i64_as_short", attr_container_get_as_short(c, "i64"));
  attr_container_set_int(&out, "s_as_int", attr_container_get_as_int(c, "s"));
  attr_container_set_int(&out, "u8_as_int", attr_container_get_as_int(c, "u8"));
  attr_container_set_int(&out, "u8_as_int8", attr_container_get_as_int8(c, "u8"));
  attr_container_set_int(&out, "f_as_double_is_2_5", attr_container_get_as_double(c, "f") == 2.5);
  attr_container_set_int(&out, "missing", attr_container_get_as_int(c, "nope"));
  attr_container_set_int(&out, "contains_s", attr_container_contain_key(c, "s"));
  attr_container_set_int(&out, "num", attr_container_get_attr_num(c));
  attr_container_destroy(c);
  return out;
}

/* a serialized container is read-only: sets fail and leave it unchanged */
int readonly_refuses_sets(void) {
  attr_container_t *c = attr_container_create("r");
  char *copy;
  int refused;

  attr_container_set_int(&c, "x", 1);
  copy = malloc(attr_container_get_serialize_length(c));
  attr_container_serialize(copy, c);
  refused = attr_container_is_constant((attr_container_t *)copy) && !attr_container_is_constant(c) &&
            !attr_container_set_int((attr_container_t **)&copy, "x", 2) &&
            attr_container_get_as_int((attr_container_t *)copy, "x") == 1;
  free(copy);
  attr_container_destroy(c);
  return refused;
}

unsigned serialize_length(attr_container_t *c) { return attr_container_get_serialize_length(c); }
