/* Exercises files in the preopened directory given as argv[1]: create, write, seek, read,
 * pread/pwrite, stat, truncate, rename, readdir, mkdir, rmdir, unlink, symlinks, and the
 * errno of failing calls. Output is deterministic (directory listings are sorted). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Paths under the directory, in a ring of buffers so that two can be used in one call. */
static char paths[4][512];
static int next_path;
static const char *in(const char *dir, const char *name) {
  char *path = paths[next_path++ % 4];
  snprintf(path, sizeof paths[0], "%s/%s", dir, name);
  return path;
}

static void check(const char *what, int ok) {
  printf("%s: %s", what, ok ? "ok" : "FAILED");
  if (!ok) printf(" (errno %d %s)", errno, strerror(errno));
  printf("\n");
}

static void expect_errno(const char *what, int result, int wanted) {
  int got = errno;
  printf("%s: result %d, errno %s\n", what, result,
         result == -1 && got == wanted ? "as expected" : strerror(got));
}

static int compare(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

static void list(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) { printf("opendir %s failed: %s\n", dir, strerror(errno)); return; }
  char *names[64]; int n = 0; struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 64) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof names[0], compare);
  printf("listing of %s:", dir);
  for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
  printf("\n");
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: files DIR\n"); return 2; }
  const char *dir = argv[1];
  char buf[64];

  int fd = open(in(dir, "a.txt"), O_CREAT | O_TRUNC | O_RDWR, 0644);
  check("create a.txt", fd >= 0);
  check("write", write(fd, "hello, world\n", 13) == 13);
  check("seek to 7", lseek(fd, 7, SEEK_SET) == 7);
  ssize_t n = read(fd, buf, sizeof buf);
  buf[n > 0 ? n : 0] = 0;
  printf("read after seek: %zd \"%s\"\n", n, buf);
  check("tell at end", lseek(fd, 0, SEEK_CUR) == 13);
  check("seek from end", lseek(fd, -6, SEEK_END) == 7);
  check("pwrite at 0", pwrite(fd, "HELLO", 5, 0) == 5);
  n = pread(fd, buf, 5, 0);
  buf[5] = 0;
  printf("pread: %zd \"%s\"\n", n, buf);
  check("position unchanged by pread/pwrite", lseek(fd, 0, SEEK_CUR) == 7);
  struct stat st;
  check("fstat", fstat(fd, &st) == 0);
  printf("size %lld, regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
  check("ftruncate to 5", ftruncate(fd, 5) == 0);
  fstat(fd, &st);
  printf("size after truncate %lld\n", (long long)st.st_size);
  check("seek past end", lseek(fd, 10, SEEK_SET) == 10);
  check("write past end", write(fd, "!", 1) == 1);
  fstat(fd, &st);
  printf("size after sparse write %lld\n", (long long)st.st_size);
  n = pread(fd, buf, sizeof buf, 0);
  printf("bytes:");
  for (int i = 0; i < n; i++) printf(" %02x", (unsigned char)buf[i]);
  printf("\n");
  check("close", close(fd) == 0);
  expect_errno("read closed fd", (int)read(fd, buf, 1), EBADF);

  FILE *f = fopen(in(dir, "b.txt"), "w");
  check("fopen b.txt", f != NULL);
  for (int i = 0; i < 100; i++) fprintf(f, "line %d\n", i);
  fclose(f);
  f = fopen(in(dir, "b.txt"), "a");
  fputs("appended\n", f);
  fclose(f);
  f = fopen(in(dir, "b.txt"), "r");
  int lines = 0; char line[64], last[64] = "";
  while (fgets(line, sizeof line, f)) { lines++; strcpy(last, line); }
  fclose(f);
  printf("b.txt has %d lines, last: %s", lines, last);

  check("mkdir sub", mkdir(in(dir, "sub"), 0755) == 0);
  expect_errno("mkdir sub again", mkdir(in(dir, "sub"), 0755), EEXIST);
  check("rename a.txt to sub/c.txt", rename(in(dir, "a.txt"), in(dir, "sub/c.txt")) == 0);
  expect_errno("stat a.txt after rename", stat(in(dir, "a.txt"), &st), ENOENT);
  check("stat sub/c.txt", stat(in(dir, "sub/c.txt"), &st) == 0 && st.st_size == 11);
  check("stat sub is a directory", stat(in(dir, "sub"), &st) == 0 && S_ISDIR(st.st_mode));
  list(dir);
  list(in(dir, "sub"));
  expect_errno("rmdir non-empty sub", rmdir(in(dir, "sub")), ENOTEMPTY);
  expect_errno("open missing file", open(in(dir, "missing.txt"), O_RDONLY), ENOENT);
  expect_errno("open file as directory", open(in(dir, "b.txt"), O_RDONLY | O_DIRECTORY), ENOTDIR);
  expect_errno("create existing exclusively", open(in(dir, "b.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
  expect_errno("unlink a directory", unlink(in(dir, "sub")), EISDIR);
  expect_errno("rmdir a file", rmdir(in(dir, "b.txt")), ENOTDIR);

  check("symlink", symlink("b.txt", in(dir, "link")) == 0);
  n = readlink(in(dir, "link"), buf, sizeof buf);
  buf[n > 0 ? n : 0] = 0;
  printf("readlink: %zd \"%s\"\n", n, buf);
  check("lstat link is a link", lstat(in(dir, "link"), &st) == 0 && S_ISLNK(st.st_mode));
  check("stat through link", stat(in(dir, "link"), &st) == 0 && S_ISREG(st.st_mode));
  f = fopen(in(dir, "link"), "r");
  check("open through link", f != NULL && fgets(line, sizeof line, f) != NULL);
  if (f != NULL) {
    printf("first line through link: %s", line);
    fclose(f);
  }
  check("link (hard)", link(in(dir, "b.txt"), in(dir, "hard")) == 0);
  check("hard link count", stat(in(dir, "b.txt"), &st) == 0 && st.st_nlink == 2);

  check("unlink link", unlink(in(dir, "link")) == 0);
  check("unlink hard", unlink(in(dir, "hard")) == 0);
  check("unlink sub/c.txt", unlink(in(dir, "sub/c.txt")) == 0);
  check("rmdir sub", rmdir(in(dir, "sub")) == 0);
  check("unlink b.txt", unlink(in(dir, "b.txt")) == 0);
  list(dir);
  return 0;
}
