/*
 * setjmp/longjmp for clang's wasm exception lowering (-mllvm -wasm-enable-sjlj): wasi-libc has
 * no <setjmp.h>. clang rewrites the calls itself; the buffer only holds the setjmp's id
 * (see sjlj-glue.c).
 */
#ifndef MICROWASM_SETJMP_H
#define MICROWASM_SETJMP_H
typedef struct {
  unsigned long id;
  void *unused[5];
} jmp_buf[1];
int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int value);
#endif
