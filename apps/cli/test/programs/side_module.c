/* A dynamic library with no libc: its data, function table and stack come from the loader. */
static int counter = 5;
static int doubled(int x) { return x * 2; }
static int tripled(int x) { return x * 3; }
int (*operations[2])(int) = {doubled, tripled};
int initialized_by_ctor;

/* Adds a value the compiler cannot know (so that it cannot run the constructor at compile
 * time), and adds, so that running the constructors twice would show. */
volatile int constructor_step = 100;
__attribute__((constructor)) static void setup(void) { initialized_by_ctor += constructor_step; }

__attribute__((noinline)) static int length(const char *s) {
  volatile char copy[64];
  int n = 0;
  while (s[n] && n < 63) { copy[n] = s[n]; n++; }
  return n;
}

int main(int argc, char **argv) {
  int total = initialized_by_ctor + counter;
  for (int i = 0; i < argc; i++) total += operations[i % 2](length(argv[i]));
  return total;
}
