/* microwasm app SDK: strncasecmp, where POSIX declares it. */
#ifndef MICROWASM_LIBC_STRINGS_H
#define MICROWASM_LIBC_STRINGS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

int strncasecmp(const char *s1, const char *s2, size_t n);

#ifdef __cplusplus
}
#endif

#endif
