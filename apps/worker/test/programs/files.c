// A WASI command for the engine checks: argv, environment, a file read and one written, both
// output streams, and an exit code of its own.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  FILE *in = fopen("/data/in.txt", "r");
  if (!in) {
    perror("open /data/in.txt");
    return 1;
  }
  char line[256] = {0};
  if (!fgets(line, sizeof line, in)) return 2;
  fclose(in);
  line[strcspn(line, "\n")] = 0;
  printf("argc=%d argv1=%s greeting=%s\n", argc, argc > 1 ? argv[1] : "", getenv("GREETING"));
  printf("read: %s (%zu bytes)\n", line, strlen(line));
  FILE *out = fopen("/data/out.txt", "w");
  if (!out) return 3;
  for (size_t i = 0; line[i]; i++) fputc(line[i] >= 'a' && line[i] <= 'z' ? line[i] - 32 : line[i], out);
  fclose(out);
  fprintf(stderr, "done\n");
  return 7;
}
