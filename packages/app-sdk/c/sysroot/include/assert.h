/* microwasm app SDK: assert prints where it failed and traps, ending the app's current call. */
#ifndef MICROWASM_LIBC_ASSERT_H
#define MICROWASM_LIBC_ASSERT_H

#include <stdio.h>

#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) \
  ((e) ? (void)0 : (printf("Assertion failed: %s, at %s, line %d\n", #e, __FILE__, __LINE__), __builtin_trap()))
#endif

#endif
