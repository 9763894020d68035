/*
 * Produces printf-cases.json: what C's own printf (glibc) prints for a table of formats.
 * Each case also records its arguments as the wasm32 va_list holds them:
 *   "i" an int32 slot (int, char, short, long, size_t, ptrdiff_t, pointers are 32-bit in wasm32),
 *   "I" an int64 slot (long long, intmax_t), "d" a double (bits in hex), "s" a string pointer.
 * Regenerate: gcc -w -o /tmp/printf-cases printf-cases.c && /tmp/printf-cases > printf-cases.json
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

static int first = 1;
static int first_arg;

static void json_string(const char *s) {
  putchar('"');
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') printf("\\%c", c);
    else if (c < 0x20 || c >= 0x7f) printf("\\u%04x", c);
    else putchar(c);
  }
  putchar('"');
}

static void begin(const char *fmt) {
  printf(first ? "[\n  {\"format\": " : ",\n  {\"format\": ");
  first = 0;
  json_string(fmt);
  printf(", \"args\": [");
  first_arg = 1;
}
static void sep(void) {
  if (!first_arg) printf(", ");
  first_arg = 0;
}
static void ai(int32_t v) { sep(); printf("[\"i\", %d]", v); }
static void aI(int64_t v) { sep(); printf("[\"I\", \"%lld\"]", (long long)v); }
static void ad(double v) {
  uint64_t bits;
  memcpy(&bits, &v, 8);
  sep();
  printf("[\"d\", \"%016llx\"]", (unsigned long long)bits);
}
static void as(const char *v) { sep(); printf("[\"s\", "); json_string(v); printf("]"); }
static void end(const char *out, int ret) {
  printf("], \"output\": ");
  json_string(out);
  printf(", \"returns\": %d}", ret);
}

static char buf[1024];
#define T(fmt, ARGS, ...)                                   \
  do {                                                      \
    begin(fmt);                                             \
    ARGS;                                                   \
    int r_ = snprintf(buf, sizeof buf, fmt, ##__VA_ARGS__); \
    end(buf, r_);                                           \
  } while (0)

int main(void) {
  T("plain text, no conversions", (void)0);
  T("100%%", (void)0);
  /* d i */
  T("%d|%i|%d", (ai(0), ai(-1), ai(2147483647)), 0, -1, 2147483647);
  T("%d", ai(INT32_MIN), INT32_MIN);
  T("%5d|%-5d|%05d|%+d|% d|%+d", (ai(42), ai(42), ai(42), ai(42), ai(42), ai(-42)), 42, 42, 42, 42, 42, -42);
  T("%.3d|%.0d|%5.3d|%-8.5d|%08.3d", (ai(7), ai(0), ai(-7), ai(123), ai(5)), 7, 0, -7, 123, 5);
  T("%+05d|% 05d|%+.0d|% d", (ai(3), ai(3), ai(0), ai(-3)), 3, 3, 0, -3);
  T("%*d|%-*d|%*d|%.*d|%.*d", (ai(6), ai(1), ai(6), ai(2), ai(-6), ai(3), ai(4), ai(9), ai(-1), ai(9)),
    6, 1, 6, 2, -6, 3, 4, 9, -1, 9);
  T("%hhd|%hhd|%hd|%hd", (ai(300), ai(-129), ai(70000), ai(-32769)), 300, -129, 70000, -32769);
  T("%ld|%zd|%td", (ai(-123456), ai(99), ai(-5)), (long)-123456, (ssize_t)99, (ptrdiff_t)-5);
  T("%lld|%lli|%jd", (aI(-9223372036854775807LL - 1), aI(1234567890123LL), aI(-42)),
    (long long)(-9223372036854775807LL - 1), 1234567890123LL, (intmax_t)-42);
  /* u o x X */
  T("%u|%u|%o|%x|%X", (ai(0), ai(-1), ai(8), ai(255), ai(48879)), 0u, 4294967295u, 8u, 255u, 48879u);
  T("%#o|%#o|%#x|%#X|%#x", (ai(8), ai(0), ai(255), ai(255), ai(0)), 8u, 0u, 255u, 255u, 0u);
  T("%#.5o|%#08x|%-#8x|%08X", (ai(8), ai(255), ai(255), ai(3054)), 8u, 255u, 255u, 3054u);
  T("%hhu|%hhx|%hu|%hx", (ai(257), ai(-1), ai(65537), ai(-1)), 257u, (unsigned)-1, 65537u, (unsigned)-1);
  T("%llu|%llx|%llX|%jx|%llo", (aI(-1), aI(0x123456789abcdefLL), aI(255), aI(4096), aI(64)),
    18446744073709551615ULL, 0x123456789abcdefULL, 255ULL, (uintmax_t)4096, 64ULL);
  T("%lu|%zu|%zx|%.0u|%.0x", (ai(4000000000u), ai(12), ai(4095), ai(0), ai(0)),
    (unsigned long)4000000000u, (size_t)12, (size_t)4095, 0u, 0u);
  /* c s p % */
  T("%c%c%c|%3c|%-3c|", (ai('a'), ai('B'), ai(256 + '!'), ai('x'), ai('y')), 'a', 'B', 256 + '!', 'x', 'y');
  T("%s|%10s|%-10s|%.2s|%5.1s|%-5.3s|", (as("hello"), as("right"), as("left"), as("truncate"), as("abc"), as("abcdef")),
    "hello", "right", "left", "truncate", "abc", "abcdef");
  T("%s|%.0s|%*s|%-*s|%.*s", (as(""), as("gone"), ai(4), as("ab"), ai(4), as("ab"), ai(3), as("abcdef")),
    "", "gone", 4, "ab", 4, "ab", 3, "abcdef");
  T("%p|%p|%10p|%-10p|", (ai(0x1234), ai(0), ai(0xbeef), ai(0x10)),
    (void *)0x1234, (void *)0, (void *)0xbeef, (void *)0x10);
  T("%5%|%-5%|", (void)0);
  /* f F */
  T("%f|%f|%f|%f", (ad(0.0), ad(-0.0), ad(1.0), ad(-2.5)), 0.0, -0.0, 1.0, -2.5);
  T("%.0f|%.0f|%.0f|%.0f|%.0f", (ad(0.5), ad(1.5), ad(2.5), ad(-0.5), ad(3.5)), 0.5, 1.5, 2.5, -0.5, 3.5);
  T("%.1f|%.2f|%.3f|%.1f|%.2f", (ad(0.25), ad(0.125), ad(2.0005), ad(0.05), ad(1.005)), 0.25, 0.125, 2.0005, 0.05, 1.005);
  T("%10.3f|%-10.2f|%010.2f|%+.1f|% .1f|%+010.1f", (ad(3.14159), ad(2.5), ad(-2.5), ad(7.0), ad(7.0), ad(-7.25)),
    3.14159, 2.5, -2.5, 7.0, 7.0, -7.25);
  T("%#.0f|%.0f|%F|%.20f", (ad(3.0), ad(3.0), ad(1.5), ad(0.1)), 3.0, 3.0, 1.5, 0.1);
  T("%f|%.3f|%f", (ad(1e20), ad(123456789.987654321), ad(1e-7)), 1e20, 123456789.987654321, 1e-7);
  T("%f", ad(1.7976931348623157e308), 1.7976931348623157e308);
  T("%.10f|%.17f", (ad(5e-324), ad(2.2250738585072014e-308)), 5e-324, 2.2250738585072014e-308);
  T("%*.*f|%-*.*f|%.*f", (ai(9), ai(2), ad(3.14159), ai(9), ai(1), ad(-1.25), ai(-1), ad(2.5)),
    9, 2, 3.14159, 9, 1, -1.25, -1, 2.5);
  T("%lf|%hf", (ad(1.25), ad(2.5)), 1.25, 2.5);
  /* e E */
  T("%e|%e|%e|%E", (ad(0.0), ad(1.0), ad(-123.456), ad(0.000123)), 0.0, 1.0, -123.456, 0.000123);
  T("%.0e|%.0e|%#.0e|%.2e|%.3E", (ad(15.0), ad(25.0), ad(5.0), ad(9.995), ad(9.9995)), 15.0, 25.0, 5.0, 9.995, 9.9995);
  T("%e|%e|%e|%e", (ad(1e300), ad(1e-300), ad(5e-324), ad(1.7976931348623157e308)),
    1e300, 1e-300, 5e-324, 1.7976931348623157e308);
  T("%12.3e|%-12.2e|%012.2e|%+e|% E", (ad(1234.5), ad(0.5), ad(-0.5), ad(2.0), ad(2.0)), 1234.5, 0.5, -0.5, 2.0, 2.0);
  T("%.15e|%.20e", (ad(0.1), ad(1.0 / 3.0)), 0.1, 1.0 / 3.0);
  /* g G */
  T("%g|%g|%g|%g|%g|%g", (ad(0.0), ad(1.0), ad(100000.0), ad(1000000.0), ad(0.0001), ad(0.00001)),
    0.0, 1.0, 100000.0, 1000000.0, 0.0001, 0.00001);
  T("%g|%g|%G|%g|%g", (ad(123.456), ad(-0.5), ad(1e-10), ad(1e100), ad(999999.5)), 123.456, -0.5, 1e-10, 1e100, 999999.5);
  T("%.0g|%.1g|%.2g|%.3g|%.10g", (ad(123.0), ad(123.0), ad(123.0), ad(0.0001234), ad(3.14159265358979)),
    123.0, 123.0, 123.0, 0.0001234, 3.14159265358979);
  T("%#g|%#.3g|%#g|%#.0g", (ad(1.0), ad(1.0), ad(0.0), ad(12.0)), 1.0, 1.0, 0.0, 12.0);
  T("%10g|%-10g|%010g|%+g|% g", (ad(1.5), ad(1.5), ad(-1.5), ad(1e-5), ad(2e6)), 1.5, 1.5, -1.5, 1e-5, 2e6);
  T("%g|%g|%g", (ad(9.9999995), ad(0.000099999995), ad(99999.95)), 9.9999995, 0.000099999995, 99999.95);
  /* inf nan */
  T("%f|%f|%F|%e|%E|%g|%G", (ad(1.0 / 0.0), ad(-1.0 / 0.0), ad(1.0 / 0.0), ad(1.0 / 0.0), ad(-1.0 / 0.0), ad(1.0 / 0.0),
    ad(1.0 / 0.0)), 1.0 / 0.0, -1.0 / 0.0, 1.0 / 0.0, 1.0 / 0.0, -1.0 / 0.0, 1.0 / 0.0, 1.0 / 0.0);
  T("%f|%F|%e|%G|%8f|%-8f|%08f|%+f", (ad(__builtin_nan("")), ad(__builtin_nan("")), ad(-__builtin_nan("")),
    ad(__builtin_nan("")), ad(1.0 / 0.0), ad(1.0 / 0.0), ad(-1.0 / 0.0), ad(1.0 / 0.0)),
    __builtin_nan(""), __builtin_nan(""), -__builtin_nan(""), __builtin_nan(""), 1.0 / 0.0, 1.0 / 0.0,
    -1.0 / 0.0, 1.0 / 0.0);
  /* mixed, argument alignment in the va_list */
  T("%d %f %lld %s %c %e %u", (ai(1), ad(2.5), aI(3), as("four"), ai('5'), ad(6.0), ai(7)), 1, 2.5, 3LL, "four", '5', 6.0, 7u);
  T("[%-6s|%6.2f|%#06x|%+.3e]", (as("ab"), ad(3.14159), ai(42), ad(-12345.678)), "ab", 3.14159, 42u, -12345.678);
  printf("\n]\n");
  return 0;
}
