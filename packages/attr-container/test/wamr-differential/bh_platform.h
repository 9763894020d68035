/* The few platform macros WAMR's attr_container.c and host_tool_utils.c need, for a native
 * test build. Allocations are zeroed so that the slack a reallocation leaves (uninitialised
 * in WAMR) compares equal to microwasm's zeros. WAMR_NATIVE_MEMCPY selects the runtime's
 * bh_memcpy_s (refuses and zeroes a copy longer than its destination) instead of an app's
 * plain memcpy. */
#pragma once
#include <assert.h>
#include <stdlib.h>
#include <string.h>

static inline void *test_zeroed_malloc(size_t n) { return calloc(1, n); }
#define WA_MALLOC test_zeroed_malloc
#define WA_FREE free
#define attr_container_printf(...) 0
#define bh_assert assert

#ifdef WAMR_NATIVE_MEMCPY
static inline int bh_memcpy_s(void *dest, unsigned dest_max, const void *src, unsigned n) {
  if (n == 0) return 0;
  if (n > dest_max) {
    memset(dest, 0, dest_max);
    return -1;
  }
  memcpy(dest, src, n);
  return 0;
}
#else
#define bh_memcpy_s(dest, dest_max, src, n) memcpy(dest, src, n)
#endif

/* WAMR's integer type names, which shared_utils.h (included by host_tool_utils.c) uses. */
typedef unsigned char uint8;
typedef unsigned short uint16;
typedef unsigned int uint32;
typedef unsigned long long uint64;
