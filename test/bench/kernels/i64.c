// i64 arithmetic: a 64-bit LCG whose values are rotated, multiplied, divided and reduced.
typedef unsigned long long u64;
typedef long long i64;

static u64 rotl(u64 x, unsigned n) { return (x << (n & 63)) | (x >> ((64 - n) & 63)); }

int run(int reps) {
  u64 x = 0x9e3779b97f4a7c15ULL;
  u64 acc = 0;
  for (int i = 0; i < reps; i++) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    u64 r = rotl(x, (unsigned)i) * 0xff51afd7ed558ccdULL;
    acc += r / ((x >> 35) | 1);
    acc ^= (u64)((i64)r % (i64)((x >> 41) | 3));
    acc = rotl(acc, 13) ^ (r >> 7);
  }
  return (int)(acc ^ (acc >> 32));
}
