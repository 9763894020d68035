/*
 * microwasm app SDK: the basic types and helpers WAMR's app headers are written against.
 * Names follow WAMR's app framework so that apps written for it compile unchanged.
 */
#ifndef MICROWASM_APP_BH_PLATFORM_H
#define MICROWASM_APP_BH_PLATFORM_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned char uint8;
typedef char int8;
typedef unsigned short uint16;
typedef short int16;
typedef unsigned int uint32;
typedef int int32;

#ifndef NULL
#define NULL ((void *)0)
#endif

#ifndef WA_MALLOC
#define WA_MALLOC malloc
#endif
#ifndef WA_FREE
#define WA_FREE free
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Request and response packets carry their integers big-endian (network order). */
uint32 htonl(uint32 value);
uint32 ntohl(uint32 value);
uint16 htons(uint16 value);
uint16 ntohs(uint16 value);

#ifdef __cplusplus
}
#endif

/* Inside the sandbox an overrun traps or stays in the app's own memory, as in WAMR. */
#define bh_memcpy_s(dst, dst_len, src, src_len) memcpy(dst, src, src_len)

#ifdef NDEBUG
#define bh_assert(v) (void)0
#else
#define bh_assert(v)                                                        \
  do {                                                                      \
    if (!(v)) {                                                             \
      printf("ASSERTION FAILED: %s, at %s, line %d\n", #v, __FILE__, __LINE__); \
      __builtin_trap();                                                     \
    }                                                                       \
  } while (0)
#endif

#endif
