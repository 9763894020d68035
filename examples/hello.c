#include <stdio.h>

// A WASI hello world: clang --target=wasm32-wasi -O2 hello.c -o hello.wasm (wasi-libc).
int main(void) {
  printf("Hello world!\n");
  return 0;
}
