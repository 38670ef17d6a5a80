/*
 * The C baseline for bench/init-spawn.sh: starts capsa-init the way io.capsa.init.InitLauncher
 * does (sealed memfd, posix_spawn with the program on fd 3 and the error channel on fd 4, a
 * pidfd, waitid on it) and prints the median and 90th percentile of a whole launch in
 * microseconds: "MEDIAN P90".
 *
 *   init-spawn CAPSA_INIT PROGRAM WARMUP ITERATIONS
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { PROGRAM_FD = 3, ERROR_FD = 4, BINARY_FD = 5 };

static void die(const char *what) {
  perror(what);
  exit(1);
}

static void check(int error, const char *what) {
  if (error != 0) {
    errno = error;
    die(what);
  }
}

/* Reads a whole file; the program to send, or capsa-init to copy into the memfd. */
static char *slurp(const char *path, size_t *size) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) < 0) die(path);
  char *data = malloc(st.st_size);
  if (data == NULL || read(fd, data, st.st_size) != st.st_size) die(path);
  close(fd);
  *size = st.st_size;
  return data;
}

static int sealed_memfd(const char *binary_path) {
  size_t size;
  char *binary = slurp(binary_path, &size);
  int fd = memfd_create("capsa-init", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0 || write(fd, binary, size) != (ssize_t)size) die("memfd");
  if (fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE) < 0)
    die("F_ADD_SEALS");
  free(binary);
  return fd;
}

/* One launch: spawn, send the program, wait for EOF on the error channel, reap. */
static void launch(int memfd, const char *program, size_t program_size) {
  int program_pipe[2], error_pipe[2];
  if (pipe2(program_pipe, O_CLOEXEC) < 0 || pipe2(error_pipe, O_CLOEXEC) < 0) die("pipe2");

  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  sigset_t none, all;
  check(posix_spawn_file_actions_init(&actions), "file actions");
  check(posix_spawn_file_actions_adddup2(&actions, program_pipe[0], PROGRAM_FD), "dup2");
  check(posix_spawn_file_actions_adddup2(&actions, error_pipe[1], ERROR_FD), "dup2");
  check(posix_spawn_file_actions_adddup2(&actions, memfd, BINARY_FD), "dup2");
  check(posix_spawn_file_actions_addclosefrom_np(&actions, BINARY_FD + 1), "closefrom");
  check(posix_spawnattr_init(&attributes), "attributes");
  sigemptyset(&none);
  memset(&all, 0xff, sizeof all);
  check(posix_spawnattr_setsigmask(&attributes, &none), "sigmask");
  check(posix_spawnattr_setsigdefault(&attributes, &all), "sigdefault");
  check(posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF),
        "flags");

  char binary_fd[16], program_fd[16], error_fd[16];
  snprintf(binary_fd, sizeof binary_fd, "%d", BINARY_FD);
  snprintf(program_fd, sizeof program_fd, "%d", PROGRAM_FD);
  snprintf(error_fd, sizeof error_fd, "%d", ERROR_FD);
  char *argv[] = {"capsa-init", binary_fd, program_fd, error_fd, NULL};
  char *envp[] = {NULL};
  char path[32];
  snprintf(path, sizeof path, "/proc/self/fd/%d", BINARY_FD);
  pid_t pid;
  check(posix_spawn(&pid, path, &actions, &attributes, argv, envp), "posix_spawn");
  int pidfd = syscall(SYS_pidfd_open, pid, 0);
  if (pidfd < 0) die("pidfd_open");
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  close(program_pipe[0]);
  close(error_pipe[1]);

  if (write(program_pipe[1], program, program_size) != (ssize_t)program_size) die("write");
  close(program_pipe[1]);
  char record[12];
  ssize_t n = read(error_pipe[0], record, sizeof record);
  if (n != 0) {
    fprintf(stderr, "capsa-init reported a failure (%zd bytes on its error channel)\n", n);
    exit(1);
  }
  close(error_pipe[0]);

  siginfo_t info = {0};
  if (waitid(P_PIDFD, pidfd, &info, WEXITED) < 0) die("waitid");
  if (info.si_code != CLD_EXITED || info.si_status != 0) {
    fprintf(stderr, "capsa-init ended with code %d status %d\n", info.si_code, info.si_status);
    exit(1);
  }
  close(pidfd);
}

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/*
 * Occupies the child fd numbers here (close-on-exec), so that no pipe or memfd gets one of
 * them and a dup2 onto one child number cannot overwrite the source of another.
 */
static void reserve_child_fd_numbers(void) {
  int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null < 0) die("/dev/null");
  for (int fd = PROGRAM_FD; fd <= BINARY_FD; fd++) {
    if (fd != null && dup3(null, fd, O_CLOEXEC) < 0) die("dup3");
  }
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: %s CAPSA_INIT PROGRAM WARMUP ITERATIONS\n", argv[0]);
    return 2;
  }
  reserve_child_fd_numbers();
  int memfd = sealed_memfd(argv[1]);
  size_t program_size;
  char *program = slurp(argv[2], &program_size);
  int warmup = atoi(argv[3]), iterations = atoi(argv[4]);
  if (iterations < 1) {
    fprintf(stderr, "ITERATIONS must be at least 1\n");
    return 2;
  }

  for (int i = 0; i < warmup; i++) launch(memfd, program, program_size);
  double *micros = malloc(sizeof *micros * iterations);
  for (int i = 0; i < iterations; i++) {
    double start = now_us();
    launch(memfd, program, program_size);
    micros[i] = now_us() - start;
  }
  qsort(micros, iterations, sizeof *micros, by_value);
  printf("%.1f %.1f\n", micros[iterations / 2], micros[(iterations * 9) / 10]);
  return 0;
}
