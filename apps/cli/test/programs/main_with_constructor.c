/* A freestanding module with a constructor and main(argc, argv): the runtime runs
 * __wasm_call_ctors before main, as WAMR does, and passes argv in memory. */
static int from_constructor;
/* Read at run time: the compiler cannot fold the constructor into static data. */
volatile int constructor_step = 40;

__attribute__((constructor)) static void setup(void) { from_constructor += constructor_step; }

__attribute__((export_name("main"))) int main(int argc, char **argv) {
  int length = 0;
  while (argv[argc - 1][length] != 0) length++;
  return from_constructor + argc + length;
}
