/* Clocks, sleeping (poll_oneoff on a clock) and random bytes: prints only checks, so that
 * runs compare equal. argv[1] is the host's time in seconds when the test started. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(int argc, char **argv) {
  struct timespec res, a, b, wall;
  printf("realtime resolution positive: %d\n", clock_getres(CLOCK_REALTIME, &res) == 0 && ns(res) > 0);
  printf("monotonic resolution positive: %d\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(res) > 0);
  clock_gettime(CLOCK_REALTIME, &wall);
  long long host = argc > 1 ? atoll(argv[1]) : 0;
  printf("realtime within a minute of the host's: %d\n", llabs((long long)wall.tv_sec - host) < 60);
  clock_gettime(CLOCK_MONOTONIC, &a);
  usleep(20000);
  clock_gettime(CLOCK_MONOTONIC, &b);
  long long slept = ns(b) - ns(a);
  printf("usleep(20ms) slept at least 20ms: %d\n", slept >= 20000000LL);
  printf("and less than 2s: %d\n", slept < 2000000000LL);
  struct timespec req = {0, 5000000};
  printf("nanosleep: %d\n", nanosleep(&req, NULL));
  printf("process cputime readable: %d\n", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a) == 0);
  unsigned char r1[64], r2[64];
  memset(r1, 0, sizeof r1);
  memset(r2, 0, sizeof r2);
  printf("getentropy: %d %d\n", getentropy(r1, sizeof r1), getentropy(r2, sizeof r2));
  int zeros = 0;
  for (int i = 0; i < 64; i++) zeros += r1[i] == 0;
  printf("random bytes not all zero: %d\n", zeros < 64);
  printf("two draws differ: %d\n", memcmp(r1, r2, sizeof r1) != 0);
  printf("time() close to realtime: %d\n", llabs((long long)time(NULL) - (long long)wall.tv_sec) <= 2);
  return 0;
}
