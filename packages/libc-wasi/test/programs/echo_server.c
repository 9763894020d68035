/* A TCP echo server for WASI preview1: serves argv[1] clients, one after the other, on the
 * listening socket its host preopened as descriptor 3. Each client is greeted with "hello\n",
 * then gets back everything it sends until it shuts down its side. Prints what it checks on
 * the way: non-blocking calls are EAGAIN, poll() waits for a client and times out. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int send_all(int fd, const char *data, size_t length) {
  while (length > 0) {
    ssize_t sent = send(fd, data, length, 0);
    if (sent < 0) return -1;
    data += sent;
    length -= (size_t)sent;
  }
  return 0;
}

static void set_nonblocking(int fd, int on) {
  int flags = fcntl(fd, F_GETFL);
  fcntl(fd, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK);
}

int main(int argc, char **argv) {
  const int listener = 3;
  int clients = argc > 1 ? atoi(argv[1]) : 1;
  static char buffer[4096];
  for (int i = 0; i < clients; i++) {
    struct pollfd ready = {.fd = listener, .events = POLLIN};
    int polled = poll(&ready, 1, 10000);
    printf("client %d: poll %d revents %s\n", i, polled, ready.revents & POLLIN ? "POLLIN" : "none");
    int conn = accept(listener, NULL, NULL);
    if (conn < 0) {
      printf("accept: %s\n", strerror(errno));
      return 1;
    }
    /* Nothing is sent before the greeting: a non-blocking receive has nothing to return. */
    set_nonblocking(conn, 1);
    ssize_t early = recv(conn, buffer, sizeof buffer, 0);
    printf("client %d: non-blocking recv %zd %s\n", i, early, early < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    set_nonblocking(conn, 0);
    if (send_all(conn, "hello\n", 6) < 0) return 2;
    size_t echoed = 0;
    for (;;) {
      ssize_t received = recv(conn, buffer, sizeof buffer, 0);
      if (received < 0) {
        printf("recv: %s\n", strerror(errno));
        return 3;
      }
      if (received == 0) break;
      if (send_all(conn, buffer, (size_t)received) < 0) return 4;
      echoed += (size_t)received;
    }
    printf("client %d: echoed %zu bytes\n", i, echoed);
    shutdown(conn, SHUT_WR);
    close(conn);
  }
  struct pollfd idle = {.fd = listener, .events = POLLIN};
  printf("idle poll: %d\n", poll(&idle, 1, 100));
  set_nonblocking(listener, 1);
  int none = accept(listener, NULL, NULL);
  printf("non-blocking accept: %d %s\n", none, none < 0 && errno == EAGAIN ? "EAGAIN" : "?");
  return 0;
}
