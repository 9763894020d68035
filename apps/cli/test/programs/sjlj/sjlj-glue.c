/*
 * The runtime clang 14's wasm setjmp/longjmp lowering calls (-mllvm -wasm-enable-sjlj).
 *
 * Each function that calls setjmp keeps a table of (setjmp id, label) pairs, ended by id 0,
 * which it passes around with its size: `saveSetjmp` gives the buffer a fresh id and records
 * it with the label of the code after that setjmp (growing the table when full: the new size
 * comes back through `getTempRet0`); `longjmp` throws the `__c_longjmp` exception with the
 * buffer and the value; each such function catches it and asks `testSetjmp` whether the id is
 * one of its own (the label to go to), else rethrows it to its callers.
 */
#include <stdint.h>
#include <stdlib.h>

struct setjmp_entry {
  uint32_t id;
  uint32_t label;
};

static uint32_t last_id;
static uint32_t temp_ret0;

struct setjmp_entry *saveSetjmp(uint32_t *env, uint32_t label, struct setjmp_entry *table, uint32_t size) {
  uint32_t id = ++last_id;
  *env = id;
  uint32_t free_at = 0;
  while (free_at < size && table[free_at].id != 0) free_at++;
  if (free_at == size) {
    /* full: twice the entries, plus the terminating one */
    size *= 2;
    table = realloc(table, sizeof(struct setjmp_entry) * (size + 1));
    if (table == 0) abort();
  }
  table[free_at].id = id;
  table[free_at].label = label;
  table[free_at + 1].id = 0;
  temp_ret0 = size;
  return table;
}

uint32_t testSetjmp(uint32_t id, const struct setjmp_entry *table, uint32_t size) {
  for (uint32_t i = 0; i < size && table[i].id != 0; i++) {
    if (table[i].id == id) return table[i].label;
  }
  return 0;
}

uint32_t getTempRet0(void) {
  return temp_ret0;
}

/* What the thrown exception points at: the buffer and the value setjmp returns. */
static struct {
  void *env;
  int value;
} longjmp_args;

/* sjlj-throw.s: throws `__c_longjmp` with `args` (clang 14 has no C builtin for that tag). */
void __microwasm_throw_longjmp(void *args);

void __wasm_longjmp(void *env, int value) {
  longjmp_args.env = env;
  longjmp_args.value = value == 0 ? 1 : value; /* C: longjmp(env, 0) makes setjmp return 1 */
  __microwasm_throw_longjmp(&longjmp_args);
  __builtin_unreachable();
}
