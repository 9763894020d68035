// An integer loop over memory: the sieve of Eratosthenes over a byte array, `reps` times.
#define LIMIT 1000000

static unsigned char composite[LIMIT + 1];

static int sieve(int limit) {
  for (int i = 0; i <= limit; i++) composite[i] = 0;
  int count = 0;
  for (int i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    count++;
    for (int j = i + i; j <= limit; j += i) composite[j] = 1;
  }
  return count;
}

int run(int reps) {
  int acc = 0;
  for (int r = 0; r < reps; r++) acc = acc * 31 + sieve(LIMIT - (r & 7));
  return acc;
}
