/* Recurses as deep as argv[1] says: for --stack-size. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static long depth(long n) {
  volatile long keep = n;
  return n == 0 ? 0 : 1 + depth(keep - 1);
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 1000;
  printf("%ld\n", depth(n));
  return 0;
}
