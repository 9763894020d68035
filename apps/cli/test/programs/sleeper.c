/* Sleeps a second at a time, forever: for --timeout while the program waits in poll_oneoff. */
#include <unistd.h>

int main(void) {
  for (;;) sleep(1);
}
