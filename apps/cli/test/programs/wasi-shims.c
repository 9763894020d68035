/* POSIX functions that real programs call and this wasi-libc (2022) lacks: WASI has no
 * permissions or owners, and no way to ask for an absolute path. */
#include <errno.h>
#include <sys/stat.h>
#include <sys/types.h>

char *realpath(const char *path, char *resolved) {
  (void)path;
  (void)resolved;
  errno = ENOSYS;
  return 0;
}

int chmod(const char *path, mode_t mode) {
  (void)path;
  (void)mode;
  return 0;
}

int chown(const char *path, uid_t owner, gid_t group) {
  (void)path;
  (void)owner;
  (void)group;
  return 0;
}
