/* microwasm app SDK: the stdio subset of WAMR's builtin libc (natives in module "env"). */
#ifndef MICROWASM_LIBC_STDIO_H
#define MICROWASM_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

int printf(const char *format, ...);
int sprintf(char *str, const char *format, ...);
int snprintf(char *str, size_t size, const char *format, ...);
int vprintf(const char *format, va_list ap);
int vsprintf(char *str, const char *format, va_list ap);
int vsnprintf(char *str, size_t size, const char *format, va_list ap);
int puts(const char *s);
int putchar(int c);

#ifdef __cplusplus
}
#endif

#endif
