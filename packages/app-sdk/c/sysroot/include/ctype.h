/* microwasm app SDK: the ctype subset of WAMR's builtin libc (C locale). */
#ifndef MICROWASM_LIBC_CTYPE_H
#define MICROWASM_LIBC_CTYPE_H

#ifdef __cplusplus
extern "C" {
#endif

int isalnum(int c);
int isalpha(int c);
int isdigit(int c);
int isgraph(int c);
int isprint(int c);
int isspace(int c);
int isupper(int c);
int isxdigit(int c);
int tolower(int c);
int toupper(int c);

#ifdef __cplusplus
}
#endif

#endif
