/* A WASI command for the runtime's WASI test: writes its argv, $GREETING, the contents of
 * /data/note.txt and whether a path escaping /data opens into /data/report.txt; exits with
 * argc + 4 through proc_exit. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  FILE *report = fopen("/data/report.txt", "w");
  if (report == NULL) return 100;
  for (int i = 0; i < argc; i++) fprintf(report, "arg %d: %s\n", i, argv[i]);
  const char *greeting = getenv("GREETING");
  fprintf(report, "GREETING: %s\n", greeting ? greeting : "(unset)");
  char note[64] = {0};
  FILE *in = fopen("/data/note.txt", "r");
  if (in != NULL) {
    fgets(note, sizeof note, in);
    fclose(in);
  }
  fprintf(report, "note: %s\n", note);
  fprintf(report, "escape: %s\n", fopen("/data/../outside.txt", "r") == NULL ? "refused" : "opened");
  fclose(report);
  exit(argc + 4);
}
