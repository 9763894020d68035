/* Exits with the code in argv[1], by exit() or, with argv[2] = "return", by returning from main. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  int code = argc > 1 ? atoi(argv[1]) : 0;
  printf("exiting with %d\n", code);
  if (argc > 2 && strcmp(argv[2], "return") == 0) return code;
  exit(code);
}
