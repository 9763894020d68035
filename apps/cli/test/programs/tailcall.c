/*
 * A program that needs tail calls (built with -mtail-call): a threaded bytecode interpreter
 * whose handlers tail-call the next one, and mutual recursion ten million calls deep. Without
 * tail calls both would exhaust any stack; with them they run in constant stack space.
 */
#include <stdio.h>

typedef struct vm vm;
typedef long long (*handler)(vm *m, const unsigned char *pc, long long acc);
struct vm {
  const handler *table;
  long long steps;
};

#define NEXT __attribute__((musttail)) return m->table[*pc](m, pc, acc)

enum { OP_ADD, OP_MUL, OP_XOR, OP_DEC_JNZ, OP_HALT };

static long long op_add(vm *m, const unsigned char *pc, long long acc) {
  acc += pc[1];
  pc += 2;
  m->steps++;
  NEXT;
}
static long long op_mul(vm *m, const unsigned char *pc, long long acc) {
  acc = acc * pc[1] % 1000003;
  pc += 2;
  m->steps++;
  NEXT;
}
static long long op_xor(vm *m, const unsigned char *pc, long long acc) {
  acc ^= (long long)pc[1] << 3;
  pc += 2;
  m->steps++;
  NEXT;
}
static long long counter;
static long long op_dec_jnz(vm *m, const unsigned char *pc, long long acc) {
  m->steps++;
  pc = --counter > 0 ? pc - pc[1] : pc + 2;
  NEXT;
}
static long long op_halt(vm *m, const unsigned char *pc, long long acc) {
  (void)m;
  (void)pc;
  return acc;
}

static const handler handlers[] = {op_add, op_mul, op_xor, op_dec_jnz, op_halt};

static int is_odd(unsigned n);
static int is_even(unsigned n) {
  if (n == 0) return 1;
  __attribute__((musttail)) return is_odd(n - 1);
}
static int is_odd(unsigned n) {
  if (n == 0) return 0;
  __attribute__((musttail)) return is_even(n - 1);
}

int main(void) {
  static const unsigned char program[] = {OP_ADD, 7, OP_MUL, 31, OP_XOR, 5, OP_DEC_JNZ, 6, OP_HALT};
  vm m = {handlers, 0};
  counter = 300000;
  long long acc = handlers[program[0]](&m, program, 1);
  printf("vm: %lld steps, acc %lld\n", m.steps, acc);
  printf("is_even(10000000) = %d, is_odd(7777777) = %d\n", is_even(10000000), is_odd(7777777));
  return 0;
}
