/* microwasm app SDK: the stdlib subset of WAMR's builtin libc (malloc is on the app heap). */
#ifndef MICROWASM_LIBC_STDLIB_H
#define MICROWASM_LIBC_STDLIB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
int atoi(const char *s);
long strtol(const char *nptr, char **endptr, int base);
unsigned long strtoul(const char *nptr, char **endptr, int base);
/* Ends the app's current call with the exception "env.exit(status)". */
void exit(int status) __attribute__((noreturn));

#ifdef __cplusplus
}
#endif

#endif
