/* poll_oneoff with a clock subscription and fd subscriptions on a regular file. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <wasi/api.h>

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  char path[256];
  snprintf(path, sizeof path, "%s/poll.txt", argv[1]);
  int fd = open(path, O_CREAT | O_TRUNC | O_RDWR, 0644);
  write(fd, "0123456789", 10);
  lseek(fd, 4, SEEK_SET);

  __wasi_subscription_t subs[3] = {0};
  subs[0].userdata = 1;
  subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
  subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
  subs[0].u.u.clock.timeout = 10000000; /* 10 ms */
  subs[1].userdata = 2;
  subs[1].u.tag = __WASI_EVENTTYPE_FD_READ;
  subs[1].u.u.fd_read.file_descriptor = fd;
  subs[2].userdata = 3;
  subs[2].u.tag = __WASI_EVENTTYPE_FD_WRITE;
  subs[2].u.u.fd_write.file_descriptor = fd;
  __wasi_event_t events[3];
  __wasi_size_t n = 0;
  __wasi_errno_t err = __wasi_poll_oneoff(subs, events, 3, &n);
  printf("poll file: errno %d, %u events\n", err, (unsigned)n);
  for (__wasi_size_t i = 0; i < n; i++) {
    printf("  userdata %llu type %u error %u", (unsigned long long)events[i].userdata, events[i].type,
           events[i].error);
    if (events[i].type == __WASI_EVENTTYPE_FD_READ) printf(" nbytes %llu", (unsigned long long)events[i].fd_readwrite.nbytes);
    printf("\n");
  }

  err = __wasi_poll_oneoff(subs, events, 1, &n);
  printf("poll clock only: errno %d, %u events, userdata %llu type %u\n", err, (unsigned)n,
         (unsigned long long)events[0].userdata, events[0].type);

  subs[1].u.u.fd_read.file_descriptor = 99;
  err = __wasi_poll_oneoff(&subs[1], events, 1, &n);
  printf("poll bad fd: errno %d, %u events, event error %u\n", err, (unsigned)n, events[0].error);
  close(fd);
  unlink(path);
  return 0;
}
