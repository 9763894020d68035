/* Tries to leave the preopened directory (fd 3) by every route, with raw WASI calls so that
 * wasi-libc's own path handling is out of the way, and prints the errno each attempt gets.
 * The host directory is expected to contain "inside.txt", a symlink "up" -> "..", a symlink
 * "abs" -> "/etc" and a directory "d" with a symlink "d/back" -> "../..". */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static void try_open(const char *path, int follow) {
  __wasi_fd_t fd;
  __wasi_errno_t err = __wasi_path_open(3, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0, path, 0,
                                        __WASI_RIGHTS_FD_READ, 0, 0, &fd);
  printf("open %-22s %s: errno %d\n", path, follow ? "follow" : "nofollow", err);
  if (err == 0) (void)__wasi_fd_close(fd);
}

static void try_stat(const char *path) {
  __wasi_filestat_t st;
  __wasi_errno_t err = __wasi_path_filestat_get(3, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, &st);
  printf("stat %-22s errno %d\n", path, err);
}

int main(void) {
  __wasi_prestat_t prestat;
  printf("fd 3 prestat: errno %d\n", __wasi_fd_prestat_get(3, &prestat));
  try_open("inside.txt", 1);
  try_open("d/../inside.txt", 1);
  try_open("./d/./../inside.txt", 1);
  try_open("..", 1);
  try_open("../etc/passwd", 1);
  try_open("d/../../etc/passwd", 1);
  try_open("/etc/passwd", 1);
  try_open("up/etc/passwd", 1);
  try_open("up", 1);
  try_open("abs/passwd", 1);
  try_open("abs", 1);
  try_open("d/back/etc/passwd", 1);
  try_open("missing/../inside.txt", 1);
  try_stat("..");
  try_stat("up");
  try_stat("abs");
  try_stat("d/back");
  __wasi_errno_t err = __wasi_path_create_directory(3, "../outside-dir");
  printf("mkdir ../outside-dir: errno %d\n", err);
  err = __wasi_path_rename(3, "inside.txt", 3, "../moved.txt");
  printf("rename to ../moved.txt: errno %d\n", err);
  err = __wasi_path_unlink_file(3, "up/etc/passwd");
  printf("unlink up/etc/passwd: errno %d\n", err);
  return 0;
}
