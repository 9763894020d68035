/* Traps after printing: the runtime reports the trap with a stack trace. */
#include <stdio.h>

__attribute__((noinline)) static int divide(int a, int b) { return a / b; }

int main(int argc, char **argv) {
  (void)argv;
  printf("before the trap\n");
  fflush(stdout);
  return divide(10, argc - 1);
}
