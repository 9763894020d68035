/* Prints its arguments and the environment it was given, in order. */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
  int count = 0;
  for (char **e = environ; *e != NULL; e++) printf("env: %s\n", *e), count++;
  printf("environ has %d entries\n", count);
  const char *greeting = getenv("GREETING");
  printf("GREETING=%s\n", greeting ? greeting : "(unset)");
  printf("MISSING=%s\n", getenv("MISSING") ? "set" : "(unset)");
  return 0;
}
