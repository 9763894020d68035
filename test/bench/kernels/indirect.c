// Indirect calls: a loop calling through a table of function pointers chosen by data.
typedef int (*binop)(int, int);

__attribute__((noinline)) static int op_add(int a, int b) { return a + b; }
__attribute__((noinline)) static int op_sub(int a, int b) { return a - b; }
__attribute__((noinline)) static int op_xor(int a, int b) { return a ^ b; }
__attribute__((noinline)) static int op_mul(int a, int b) { return a * (b | 1); }
__attribute__((noinline)) static int op_rot(int a, int b) {
  unsigned x = (unsigned)a;
  return (int)((x << 7) | (x >> 25)) + b;
}
__attribute__((noinline)) static int op_min(int a, int b) { return a < b ? a : b + a; }
__attribute__((noinline)) static int op_shr(int a, int b) { return (a >> 3) ^ b; }
__attribute__((noinline)) static int op_or(int a, int b) { return (a | b) - 1; }

static binop table[8] = { op_add, op_sub, op_xor, op_mul, op_rot, op_min, op_shr, op_or };

int run(int reps) {
  int acc = 1;
  for (int i = 0; i < reps; i++) acc = table[(acc ^ i) & 7](acc, i);
  return acc;
}
