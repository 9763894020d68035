/* The hello world of WAMR's README, step by step: print, allocate 1 KiB, print the pointer,
 * format into the buffer, print it, free it. Built several ways by the tests. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  printf("Hello world!\n");
  char *buf = malloc(1024);
  if (buf == NULL) {
    printf("malloc buf failed\n");
    return -1;
  }
  printf("buf ptr: %p\n", buf);
  sprintf(buf, "%s", "1234\n");
  printf("buf: %s", buf);
  free(buf);
  return 0;
}
