/* The same hello world as a freestanding module (clang --target=wasm32 -nostdlib): the libc
 * functions are imports from "env", which WAMR's builtin libc provides. */
typedef __SIZE_TYPE__ size_t;
int printf(const char *format, ...);
int sprintf(char *buffer, const char *format, ...);
void *malloc(size_t size);
void free(void *pointer);

__attribute__((export_name("main"))) int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  printf("Hello world!\n");
  char *buf = malloc(1024);
  if (buf == 0) {
    printf("malloc buf failed\n");
    return -1;
  }
  printf("buf ptr: %p\n", buf);
  sprintf(buf, "%s", "1234\n");
  printf("buf: %s", buf);
  free(buf);
  return 0;
}
