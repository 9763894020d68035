/* Reads stdin to the end and prints its size, line count, a checksum and the first line
 * upper-cased. */
#include <ctype.h>
#include <stdio.h>

int main(void) {
  unsigned long bytes = 0, lines = 0, sum = 0;
  int c, first = 1;
  char head[80];
  int h = 0;
  while ((c = getchar()) != EOF) {
    bytes++;
    sum = (sum * 31 + (unsigned char)c) % 1000000007UL;
    if (c == '\n') { lines++; first = 0; }
    else if (first && h < 79) head[h++] = (char)toupper(c);
  }
  head[h] = 0;
  printf("bytes=%lu lines=%lu checksum=%lu\nfirst line: %s\n", bytes, lines, sum, head);
  return 0;
}
