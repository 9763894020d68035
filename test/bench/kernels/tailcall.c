// Tail calls (built with -mtail-call): a threaded bytecode interpreter whose handlers tail-call
// the next one (`musttail`, so every dispatch is a `return_call_indirect`), and mutual recursion
// through `return_call`. Without tail calls the stack would grow by one frame per instruction.
typedef struct vm vm;
typedef int (*handler)(vm *m, const unsigned char *pc, int acc);
struct vm {
  const handler *table;
  int counter;
};

#define NEXT __attribute__((musttail)) return m->table[*pc](m, pc, acc)

enum { OP_ADD, OP_MUL, OP_XOR, OP_DEC_JNZ, OP_HALT };

static int op_add(vm *m, const unsigned char *pc, int acc) {
  acc += pc[1];
  pc += 2;
  NEXT;
}
static int op_mul(vm *m, const unsigned char *pc, int acc) {
  acc = acc * pc[1];
  pc += 2;
  NEXT;
}
static int op_xor(vm *m, const unsigned char *pc, int acc) {
  acc ^= acc >> pc[1];
  pc += 2;
  NEXT;
}
static int op_dec_jnz(vm *m, const unsigned char *pc, int acc) {
  pc = --m->counter > 0 ? pc - pc[1] : pc + 2;
  NEXT;
}
static int op_halt(vm *m, const unsigned char *pc, int acc) {
  (void)m;
  (void)pc;
  return acc;
}

static const handler handlers[] = {op_add, op_mul, op_xor, op_dec_jnz, op_halt};
static const unsigned char program[] = {OP_ADD, 7, OP_MUL, 31, OP_XOR, 5, OP_DEC_JNZ, 6, OP_HALT};

static int odd(unsigned n, int acc);
__attribute__((noinline)) static int even(unsigned n, int acc) {
  if (n == 0) return acc;
  __attribute__((musttail)) return odd(n - 1, acc + (int)n);
}
__attribute__((noinline)) static int odd(unsigned n, int acc) {
  if (n == 0) return -acc;
  __attribute__((musttail)) return even(n - 1, acc ^ (int)n);
}

volatile unsigned steps = 1000;

int run(int reps) {
  int acc = 0;
  for (int i = 0; i < reps; i++) {
    vm m = {handlers, (int)steps};
    acc += handlers[program[0]](&m, program, i);
    acc ^= even(steps, i);
  }
  return acc;
}
