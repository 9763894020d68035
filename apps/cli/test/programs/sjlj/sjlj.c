/*
 * setjmp/longjmp as C programs use them, built with wasm exceptions: error handling through
 * nested protected calls (as Lua's pcall does), longjmp out of deep recursion, a setjmp re-entered
 * in a loop, longjmp(env, 0), and many jumps in a row.
 */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

static jmp_buf *handler;
static unsigned checksum = 17;

static void fail(int code) {
  longjmp(*handler, code);
}

/* Sums the digits of s recursively; a character that is not a digit fails with its code. */
static int digit_sum(const char *s) {
  if (*s == 0) return 0;
  if (*s < '0' || *s > '9') fail(*s);
  return (*s - '0') + digit_sum(s + 1);
}

typedef int (*protected_fn)(const char *);

/* Runs fn(arg) with its own handler: returns 0 and the result, or the failure's code. */
static int protected_call(protected_fn fn, const char *arg, int *result) {
  jmp_buf here;
  jmp_buf *outer = handler;
  handler = &here;
  int code = setjmp(here);
  if (code == 0) *result = fn(arg);
  handler = outer;
  return code;
}

/* A protected function that makes protected calls itself and fails with what they failed. */
static int sum_fields(const char *line) {
  char field[32];
  int total = 0;
  while (*line) {
    size_t n = strcspn(line, ",");
    memcpy(field, line, n);
    field[n] = 0;
    int value = 0;
    int code = protected_call(digit_sum, field, &value);
    if (code != 0) fail(1000 + code);
    total += value;
    line += n + (line[n] == ',');
  }
  return total;
}

static int deep(int n, jmp_buf env) {
  if (n == 0) longjmp(env, 77);
  return deep(n - 1, env) + 1;
}

int main(void) {
  const char *lines[] = {"12,34,5", "999,1", "12,3x,4", "", "7,7,7,7,7", "1,,2", "88,y"};
  jmp_buf top;
  handler = &top;
  if (setjmp(top) != 0) {
    printf("unexpected failure at the top\n");
    return 1;
  }
  for (unsigned i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    int total = 0;
    int code = protected_call(sum_fields, lines[i], &total);
    if (code == 0)
      printf("line %u: total %d\n", i, total);
    else
      printf("line %u: failed with %d ('%c')\n", i, code, code - 1000);
    checksum = checksum * 31 + (unsigned)(code == 0 ? total : code);
  }

  jmp_buf env;
  int value = setjmp(env);
  if (value == 0) deep(5000, env);
  printf("out of 5000 frames with %d\n", value);

  volatile int rounds = 0;
  jmp_buf loop;
  int got = setjmp(loop);
  checksum = checksum * 31 + (unsigned)got;
  if (++rounds < 5) longjmp(loop, rounds * 10);
  printf("re-entered setjmp %d times, last value %d\n", (int)rounds, got);

  jmp_buf zero;
  int z = setjmp(zero);
  if (z == 0) longjmp(zero, 0);
  printf("longjmp(env, 0) returns %d\n", z);

  unsigned jumps = 0;
  for (int i = 0; i < 20000; i++) {
    jmp_buf each;
    int r = setjmp(each);
    if (r == 0) longjmp(each, i + 1);
    jumps += (unsigned)r;
  }
  printf("20000 jumps, sum %u\n", jumps);
  printf("checksum %u\n", checksum);
  return 0;
}
