/* Calls that fail, each printed with its result and errno: the errno values a C program sees
 * (wasi-libc turns some WASI errnos into others, e.g. ENOTCAPABLE into EBADF for read()). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>
static char p[256];
static const char *in(const char *d, const char *n) {
  snprintf(p, sizeof p, "%s/%s", d, n);
  return p;
}
/* Prints a call's result, and errno when it returned a negative number. */
#define T(what, expr)                                                          \
  do {                                                                         \
    errno = 0;                                                                 \
    long r = (long)(expr);                                                     \
    printf("%-36s -> %ld errno %d\n", what, r, r < 0 ? errno : 0);             \
  } while (0)
int main(int argc, char **argv) {
  const char *d = argv[1]; char buf[16];
  int fd = open(in(d, "f"), O_CREAT | O_RDWR, 0644); write(fd, "abc", 3);
  mkdir(in(d, "dir"), 0755);
  int dfd = open(in(d, "dir"), O_RDONLY | O_DIRECTORY);
  T("read dir fd", read(dfd, buf, 4));
  T("write dir fd", write(dfd, buf, 4));
  T("lseek dir fd", lseek(dfd, 0, SEEK_SET));
  T("open dir O_WRONLY", open(in(d, "dir"), O_WRONLY));
  T("open dir O_RDWR", open(in(d, "dir"), O_RDWR));
  T("open dir O_RDONLY", open(in(d, "dir"), O_RDONLY));
  T("open f/ (file with slash)", open(in(d, "f/"), O_RDONLY));
  T("stat f/", ({ struct stat st; stat(in(d, "f/"), &st); }));
  T("mkdir f/sub (file as dir)", mkdir(in(d, "f/sub"), 0755));
  T("rename dir to f", rename(in(d, "dir"), in(d, "f")));
  T("rename f to dir", rename(in(d, "f"), in(d, "dir")));
  T("rmdir .", rmdir(in(d, ".")));
  T("unlink missing", unlink(in(d, "missing")));
  T("readlink f (not link)", readlink(in(d, "f"), buf, sizeof buf));
  T("lseek negative", lseek(fd, -10, SEEK_SET));
  T("lseek bad whence", lseek(fd, 0, 7));
  T("ftruncate ro fd", ({ int r = open(in(d, "f"), O_RDONLY); ftruncate(r, 0); }));
  T("write ro fd", ({ int r = open(in(d, "f"), O_RDONLY); write(r, "x", 1); }));
  T("read wo fd", ({ int r = open(in(d, "f"), O_WRONLY); read(r, buf, 1); }));
  T("close twice", ({ int r = open(in(d, "f"), O_RDONLY); close(r); close(r); }));
  T("fdatasync stdout", fdatasync(1));
  T("lseek stdout", lseek(1, 0, SEEK_CUR));
  T("pread stdout", pread(1, buf, 1, 0));
  T("link dir", link(in(d, "dir"), in(d, "dirlink")));
  T("symlink existing", symlink("x", in(d, "f")));
  T("rmdir missing", rmdir(in(d, "nodir")));
  /* Raw WASI calls return the errno itself. */
  T("renumber to closed", __wasi_fd_renumber(fd, 77));
  T("fd_prestat_get stdout", __wasi_fd_prestat_get(1, &(__wasi_prestat_t){0}));
  T("fd_advise bad", __wasi_fd_advise(fd, 0, 0, 9));
  T("fd_allocate len0", __wasi_fd_allocate(fd, 0, 0));
  T("clock_time_get bad id", ({ __wasi_timestamp_t t; __wasi_clock_time_get(9, 0, &t); }));
  T("sock_shutdown file", __wasi_sock_shutdown(fd, 3));
  T("sock_accept file", ({ __wasi_fd_t a; __wasi_sock_accept(fd, 0, &a); }));
  T("path_open empty path", ({ __wasi_fd_t a; __wasi_path_open(3, 0, "", 0, 0, 0, 0, &a); }));
  T("fstat stdin type", ({ struct stat st; fstat(0, &st); (long)S_ISCHR(st.st_mode); }));
  unlink(in(d, "f")); rmdir(in(d, "dir"));
  return 0;
}
