// Recursive calls: fib(depth) `reps` times. The depth is read from a volatile global so the
// compiler cannot hoist the (pure) call out of the loop.
volatile int depth = 24;

__attribute__((noinline)) static int fib(int n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

int run(int reps) {
  int acc = 0;
  for (int i = 0; i < reps; i++) acc += fib(depth) ^ i;
  return acc;
}
