// Bulk memory: memory.copy / memory.fill (through the compiler's builtins) and the libc-style
// byte and word copy loops they replace, over 64 KiB buffers, `reps` times.
#define SIZE 65536

static unsigned char src[SIZE], dst[SIZE];

__attribute__((noinline)) static void copy_bytes(unsigned char *d, const unsigned char *s, int n) {
  for (int i = 0; i < n; i++) d[i] = s[i];
}

__attribute__((noinline)) static void copy_words(unsigned *d, const unsigned *s, int n) {
  for (int i = 0; i < n; i++) d[i] = s[i];
}

int run(int reps) {
  for (int i = 0; i < SIZE; i++) src[i] = (unsigned char)(i * 13 + 1);
  unsigned acc = 0;
  for (int r = 0; r < reps; r++) {
    int shift = r & 255;
    __builtin_memset(dst, r & 0xff, SIZE);
    __builtin_memcpy(dst + shift, src, SIZE - 256);
    __builtin_memmove(dst + 1, dst, SIZE / 2);
    acc = acc * 31 + dst[(r * 97) & (SIZE - 1)];
    if ((r & 63) == 0) {
      copy_bytes(dst, src + shift, SIZE / 4);
      copy_words((unsigned *)dst, (const unsigned *)src, SIZE / 8);
      acc = acc * 31 + dst[r & (SIZE / 4 - 1)] + dst[SIZE / 4 + 5];
    }
  }
  return (int)acc;
}
