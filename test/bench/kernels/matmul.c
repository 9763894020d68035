// f64 arithmetic: multiply two 64x64 matrices of doubles, `reps` times.
#define N 64

static double a[N][N], b[N][N], c[N][N];

static void multiply(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      double sum = 0.0;
      for (int k = 0; k < N; k++) sum += a[i][k] * b[k][j];
      c[i][j] = sum;
    }
}

int run(int reps) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      a[i][j] = (double)(i * N + j) / (N * N) + 0.25;
      b[i][j] = (double)(j - i) / N;
    }
  double acc = 0.0;
  for (int r = 0; r < reps; r++) {
    a[r & (N - 1)][(r >> 6) & (N - 1)] += 1.0 / (r + 1);
    multiply();
    acc = acc * 0.5 + c[r & (N - 1)][(r * 7) & (N - 1)];
  }
  union { double d; unsigned long long u; } bits = { acc };
  return (int)(bits.u ^ (bits.u >> 32));
}
