/*
 * capsa-init: the interpreter of Capsa init programs.
 *
 * Java decides what a container's init must do and encodes it as a program (a list of system
 * calls with their arguments, see FORMAT.md); this process only runs it, single-threaded and
 * with no libc, so that it can do what a JVM cannot: fork, unshare a user namespace, setns.
 * It knows nothing about containers.
 *
 * Process contract with the host:
 *   argv     "capsa-init" [N [P E]]: N is the fd of this executable (a sealed memfd), closed
 *            first; P and E are the program and error channel fds (3 and 4 when absent). The
 *            host places them above every fd it hands to the container, so that a container
 *            can be given fds from 3 up (runc's --preserve-fds) without dup dances.
 *   fd P     the encoded program, read to EOF and closed.
 *   fd E     the error channel, made close-on-exec first. On the first failing op capsa-init
 *            writes one record of three native int32 {op index, errno, detail} and exits 125;
 *            EOF without a record means the final execve succeeded (or an exit op ran).
 *   fds 0-2  stdio; every other fd is the program's business.
 */
#include "arch.h"

#include <asm/signal.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/time_types.h>
#include <linux/types.h>
#include <linux/wait.h>

enum { EXIT_FAILED = 125, EXIT_EXEC_FAILED = 127 };

static long program_fd = 3, error_fd = 4;

/* Limits of the format; the Java encoder enforces the same ones. */
#define MAX_PROGRAM_BYTES (4 << 20)
#define MAX_OPS 4096

#define MAGIC 0x49535043u /* "CPSI" */
#define VERSION 1u

struct header {
  __u32 magic, version, audit_arch, op_count, reloc_count, blob_size;
};

struct op {
  __u32 code;  /* OP_* */
  __u32 param; /* syscall number, jump condition or access width */
  __u32 tolerate_at, tolerate_count; /* blob offset of the tolerated errno values (int32) */
  __u8 kind[8];                      /* per argument: ARG_*; the last two are padding */
  __s64 arg[6];
};

enum { OP_SYSCALL = 1, OP_JUMP, OP_LOAD, OP_STORE, OP_EXIT, OP_FAIL, OP_REAPER, OP_SPAWN };
enum { ARG_IMMEDIATE = 0, ARG_BLOB, ARG_SLOT };
enum { JUMP_ALWAYS = 0, JUMP_EQ, JUMP_NE, JUMP_LT, JUMP_LE, JUMP_GT, JUMP_GE };

/* The detail of a record with op index -1: why the program was refused. */
enum {
  REFUSED_BAD_MAGIC = 1,
  REFUSED_BAD_VERSION,
  REFUSED_WRONG_ARCH,
  REFUSED_SIZE_MISMATCH,
  REFUSED_TOO_LARGE,
  REFUSED_BAD_OP,
  REFUSED_BAD_RELOCATION,
  REFUSED_UNREADABLE,
  REFUSED_BAD_ARGV,
};

static unsigned char image[MAX_PROGRAM_BYTES] __attribute__((aligned(16)));
static long slot[MAX_OPS];

static long sys1(long nr, long a) { return sys6(nr, a, 0, 0, 0, 0, 0); }
static long sys2(long nr, long a, long b) { return sys6(nr, a, b, 0, 0, 0, 0); }
static long sys3(long nr, long a, long b, long c) { return sys6(nr, a, b, c, 0, 0, 0); }
static long sys4(long nr, long a, long b, long c, long d) { return sys6(nr, a, b, c, d, 0, 0); }

static int failed(long r) { return r < 0 && r > -4096; }

__attribute__((noreturn)) static void exit_group(long status) {
  sys1(__NR_exit_group, status);
  __builtin_unreachable();
}

__attribute__((noreturn)) static void fail(int op_index, long err, long detail) {
  int record[3] = {op_index, (int)err, (int)detail};
  sys3(__NR_write, error_fd, (long)record, sizeof record);
  exit_group(EXIT_FAILED);
}

__attribute__((noreturn)) static void refuse(long err, long reason) { fail(-1, err, reason); }

/* fork(2) without libc: clone with only the exit signal; argument order does not matter when
 * every other argument is 0, which is why this is the same call on both architectures. */
static long fork_process(void) { return sys2(__NR_clone, SIGCHLD, 0); }

static long set_signal_mask(__u64 mask) {
  return sys4(__NR_rt_sigprocmask, SIG_SETMASK, (long)&mask, 0, sizeof mask);
}

/* Dispositions set to SIG_IGN and the signal mask survive execve, so whatever the host had
 * would reach the container's process. Signals the kernel (or an emulator) will not let us
 * change cannot have been changed by the host either, hence the ignored errors. */
static void reset_signals(void) {
  struct {
    unsigned long handler, flags, restorer;
    __u64 mask;
  } default_action = {0, 0, 0, 0}; /* SIG_DFL */
  for (long sig = 1; sig <= 64; sig++) {
    sys4(__NR_rt_sigaction, sig, (long)&default_action, 0, sizeof(__u64));
  }
  set_signal_mask(0);
}

static long parse_fd(const char *s) {
  long n = 0;
  if (*s == '\0') return -1;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || n > 0xffffff) return -1;
    n = n * 10 + (*s - '0');
  }
  return n;
}

/* Reads the program fd to EOF into image[]; returns the number of bytes. */
static long read_program(void) {
  long size = 0;
  for (;;) {
    long n = sys3(__NR_read, program_fd, (long)image + size, sizeof image - size);
    if (n == -EINTR) continue;
    if (failed(n)) refuse(-n, REFUSED_UNREADABLE);
    if (n == 0) break;
    size += n;
    if (size == sizeof image) {
      char extra;
      if (sys3(__NR_read, program_fd, (long)&extra, 1) > 0) refuse(EINVAL, REFUSED_TOO_LARGE);
      break;
    }
  }
  sys1(__NR_close, program_fd);
  return size;
}

struct program {
  const struct header *header;
  const struct op *ops;
  unsigned char *blob;
};

static int arg_ok(const struct program *p, const struct op *op, __u32 index, int a) {
  switch (op->kind[a]) {
  case ARG_IMMEDIATE: return 1;
  case ARG_BLOB: return op->arg[a] >= 0 && op->arg[a] <= p->header->blob_size;
  case ARG_SLOT: return op->arg[a] >= 0 && op->arg[a] < index; /* an earlier op's result */
  default: return 0;
  }
}

/* A LOAD or STORE must address width bytes inside the blob. */
static int access_ok(const struct program *p, const struct op *op, int a) {
  __u32 width = op->param;
  return (width == 1 || width == 4 || width == 8) && op->kind[a] == ARG_BLOB &&
         op->arg[a] + width <= p->header->blob_size;
}

static int op_ok(const struct program *p, __u32 index) {
  const struct op *op = &p->ops[index];
  __u64 tolerate_end = op->tolerate_at + 4ull * op->tolerate_count;
  if (op->tolerate_at % 4 != 0 || tolerate_end > p->header->blob_size) return 0;
  for (int a = 0; a < 6; a++) {
    if (!arg_ok(p, op, index, a)) return 0;
  }
  switch (op->code) {
  case OP_SYSCALL: case OP_EXIT: case OP_FAIL: case OP_REAPER: case OP_SPAWN: return 1;
  case OP_JUMP:
    return op->param <= JUMP_GE && op->kind[2] == ARG_IMMEDIATE && op->arg[2] > index &&
           op->arg[2] <= p->header->op_count;
  case OP_LOAD: return access_ok(p, op, 0);
  case OP_STORE: return access_ok(p, op, 1);
  default: return 0;
  }
}

/* Checks the image and turns the blob offsets listed in the relocation table into addresses. */
static struct program load_program(long size) {
  struct program p;
  const struct header *h = (const struct header *)image;
  if (size < (long)sizeof *h || h->magic != MAGIC) refuse(ENOEXEC, REFUSED_BAD_MAGIC);
  if (h->version != VERSION) refuse(ENOEXEC, REFUSED_BAD_VERSION);
  if (h->audit_arch != CAPSA_AUDIT_ARCH) refuse(ENOEXEC, REFUSED_WRONG_ARCH);
  if (h->op_count > MAX_OPS) refuse(EINVAL, REFUSED_TOO_LARGE);
  __u64 relocs_at = sizeof *h + (__u64)h->op_count * sizeof(struct op);
  __u64 blob_at = (relocs_at + 4ull * h->reloc_count + 7) & ~7ull;
  if (blob_at + h->blob_size != (__u64)size) refuse(EINVAL, REFUSED_SIZE_MISMATCH);
  p.header = h;
  p.ops = (const struct op *)(image + sizeof *h);
  p.blob = image + blob_at;
  const __u32 *relocs = (const __u32 *)(image + relocs_at);
  for (__u32 r = 0; r < h->reloc_count; r++) {
    __u64 *pointer = (__u64 *)(p.blob + relocs[r]);
    if (relocs[r] % 8 != 0 || relocs[r] + 8ull > h->blob_size || *pointer > h->blob_size) {
      refuse(EINVAL, REFUSED_BAD_RELOCATION);
    }
    *pointer += (__u64)p.blob;
  }
  for (__u32 i = 0; i < h->op_count; i++) {
    if (!op_ok(&p, i)) refuse(EINVAL, REFUSED_BAD_OP);
  }
  return p;
}

static int tolerated(const struct program *p, const struct op *op, long err) {
  const __s32 *errnos = (const __s32 *)(p->blob + op->tolerate_at);
  for (__u32 t = 0; t < op->tolerate_count; t++) {
    if (errnos[t] == err) return 1;
  }
  return 0;
}

static int jump_taken(__u32 condition, long a, long b) {
  switch (condition) {
  case JUMP_EQ: return a == b;
  case JUMP_NE: return a != b;
  case JUMP_LT: return a < b;
  case JUMP_LE: return a <= b;
  case JUMP_GT: return a > b;
  case JUMP_GE: return a >= b;
  default: return 1;
  }
}

static long load(long address, __u32 width) {
  switch (width) {
  case 1: return *(const __u8 *)address;
  case 4: return *(const __s32 *)address;
  default: return *(const __s64 *)address;
  }
}

static void store(long address, __u32 width, long value) {
  switch (width) {
  case 1: *(__u8 *)address = (__u8)value; break;
  case 4: *(__s32 *)address = (__s32)value; break;
  default: *(__s64 *)address = value; break;
  }
}

/* The shell's convention for a child's end: its exit code, or 128 + the signal that killed it. */
static long exit_code(int status) {
  return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
}

/*
 * PID 1's duty. Forks: the child returns 0 and runs the rest of the program. The parent closes
 * every fd but stdio (the error channel too: the child's execve, not our exit, reports
 * success), then, with all signals blocked, forwards each signal to the child, reaps every
 * zombie and exits like the child when the child ends. The child goes on only once the parent
 * has closed them, which it learns from the end of a pipe whose write end the parent closes
 * last: otherwise the container's process could run while PID 1 still holds the runtime's fds
 * (the cgroup directory, the sync socket), and reach them through /proc/1/fd.
 */
static long reaper(void) {
  __u64 all = ~0ull;
  int closed[2];
  long r = sys2(__NR_pipe2, (long)closed, O_CLOEXEC);
  if (failed(r)) return r;
  set_signal_mask(all);
  long child = fork_process();
  if (child <= 0) {
    sys1(__NR_close, closed[1]);
    if (child == 0) {
      unsigned char none;
      while (sys3(__NR_read, closed[0], (long)&none, 1) == -EINTR) {}
    }
    sys1(__NR_close, closed[0]);
    set_signal_mask(0);
    return child;
  }
  sys1(__NR_close, error_fd);
  sys3(__NR_close_range, 3, closed[1] - 1, 0);
  sys3(__NR_close_range, closed[1] + 1, ~0u, 0);
  sys1(__NR_close, closed[1]);
  for (;;) {
    unsigned char info[128]; /* siginfo_t, unused */
    long sig = sys4(__NR_rt_sigtimedwait, (long)&all, (long)info, 0, sizeof all);
    if (failed(sig)) continue;
    if (sig != SIGCHLD) {
      sys2(__NR_kill, child, sig);
      continue;
    }
    int status;
    long pid;
    while ((pid = sys4(__NR_wait4, -1, (long)&status, WNOHANG, 0)) > 0) {
      if (pid == child) exit_group(exit_code(status));
    }
  }
}

static long write_all(int fd, const unsigned char *bytes, long length) {
  while (length > 0) {
    long n = sys3(__NR_write, fd, (long)bytes, length);
    if (n == -EINTR) continue;
    if (failed(n)) return n;
    bytes += n;
    length -= n;
  }
  return 0;
}

/* A pipe already holding the bytes and closed for writing: the reader sees them, then EOF.
 * Filling it before anyone can read needs no feeding process and cannot block or raise SIGPIPE;
 * the pipe is grown to fit, so the limit is /proc/sys/fs/pipe-max-size (1 MiB by default). */
static long prefilled_pipe(int fds[2], const unsigned char *bytes, long length) {
  long r = sys2(__NR_pipe2, (long)fds, O_CLOEXEC);
  if (failed(r)) return r;
  if (length > 65536) r = sys3(__NR_fcntl, fds[1], F_SETPIPE_SZ, length);
  if (!failed(r)) r = write_all(fds[1], bytes, length);
  sys1(__NR_close, fds[1]);
  if (failed(r)) sys1(__NR_close, fds[0]);
  return failed(r) ? r : 0;
}

/* Waits until the child has exited (1) or timeout seconds have passed (0), or -errno. */
static long poll_exit(long child, long timeout) {
  long pidfd = sys2(__NR_pidfd_open, child, 0);
  if (failed(pidfd)) return pidfd;
  struct pollfd exited = {(int)pidfd, POLLIN, 0};
  struct __kernel_timespec left = {timeout, 0}; /* ppoll leaves the time remaining here */
  long ready;
  do {
    ready = sys4(__NR_ppoll, (long)&exited, 1, (long)&left, 0);
  } while (ready == -EINTR);
  sys1(__NR_close, pidfd);
  return ready;
}

/* Reaps the child within timeout seconds (0: no limit). One that runs longer, or cannot be
 * watched, is killed: it never outlives its op. */
static long wait_with_timeout(long child, long timeout, int *status) {
  long ready = timeout > 0 ? poll_exit(child, timeout) : 1;
  if (ready <= 0) sys2(__NR_kill, child, SIGKILL);
  long r;
  do {
    r = sys4(__NR_wait4, child, (long)status, 0, 0);
  } while (r == -EINTR);
  if (ready == 0) return -ETIMEDOUT;
  if (failed(ready)) return ready;
  return failed(r) ? r : 0;
}

/*
 * fork-exec-wait, for hooks: runs path with argv/envp and the given bytes on stdin, waits for
 * it and fails unless it exits 0. An execve failure in the child comes back through a
 * close-on-exec pipe as the op's errno; a non-zero end is ECHILD and a timeout ETIMEDOUT,
 * both with the wait status as the record's detail.
 */
static long fork_exec_wait(const long *a, long *detail) {
  const char *path = (const char *)a[0];
  const unsigned char *stdin_bytes = (const unsigned char *)a[3];
  int input[2], exec_error[2];
  long r = prefilled_pipe(input, stdin_bytes, a[4]);
  if (failed(r)) return r;
  r = sys2(__NR_pipe2, (long)exec_error, O_CLOEXEC);
  if (failed(r)) {
    sys1(__NR_close, input[0]);
    return r;
  }
  long child = fork_process();
  if (child == 0) {
    long err = input[0] == 0 ? sys3(__NR_fcntl, 0, F_SETFD, 0) : sys3(__NR_dup3, input[0], 0, 0);
    if (!failed(err)) err = sys3(__NR_execve, (long)path, a[1], a[2]);
    int reported = (int)-err;
    sys3(__NR_write, exec_error[1], (long)&reported, sizeof reported);
    exit_group(EXIT_EXEC_FAILED);
  }
  sys1(__NR_close, input[0]);
  sys1(__NR_close, exec_error[1]);
  if (failed(child)) {
    sys1(__NR_close, exec_error[0]);
    return child;
  }
  int child_errno = 0, status = 0;
  long reported = sys3(__NR_read, exec_error[0], (long)&child_errno, sizeof child_errno);
  sys1(__NR_close, exec_error[0]);
  r = wait_with_timeout(child, reported == sizeof child_errno ? 0 : a[5], &status);
  if (reported == sizeof child_errno) return -child_errno;
  if (r == -ETIMEDOUT || (!failed(r) && status != 0)) *detail = status;
  if (failed(r)) return r;
  return status == 0 ? 0 : -ECHILD;
}

/* Runs the ops in order; returns only when the program runs off its end. */
static void run(const struct program *p) {
  __u32 count = p->header->op_count;
  for (__u32 i = 0; i < count;) {
    const struct op *op = &p->ops[i];
    long a[6];
    for (int k = 0; k < 6; k++) {
      long v = op->arg[k];
      a[k] = op->kind[k] == ARG_BLOB ? (long)(p->blob + v) : op->kind[k] == ARG_SLOT ? slot[v] : v;
    }
    long result = 0, detail = 0;
    int can_fail = 1; /* only syscalls and composite ops report errors; -2 loaded is a value */
    __u32 next = i + 1;
    switch (op->code) {
    case OP_SYSCALL: result = sys6(op->param, a[0], a[1], a[2], a[3], a[4], a[5]); break;
    case OP_REAPER: result = reaper(); break;
    case OP_SPAWN: result = fork_exec_wait(a, &detail); break;
    case OP_JUMP:
      can_fail = 0;
      if (jump_taken(op->param, a[0], a[1])) next = (__u32)a[2];
      break;
    case OP_LOAD:
      can_fail = 0;
      result = load(a[0], op->param);
      break;
    case OP_STORE:
      can_fail = 0;
      store(a[1], op->param, a[0]);
      break;
    case OP_EXIT: exit_group(a[0]);
    case OP_FAIL: fail((int)i, a[0], 0);
    }
    if (can_fail && failed(result) && !tolerated(p, op, -result)) fail((int)i, -result, detail);
    slot[i] = result;
    i = next;
  }
}

int main(int argc, char **argv) {
  if (argc > 3) {
    long program = parse_fd(argv[2]), error = parse_fd(argv[3]);
    if (program < 0 || error < 0) refuse(EINVAL, REFUSED_BAD_ARGV);
    program_fd = program;
    error_fd = error;
  }
  if (argc > 1) {
    long own_fd = parse_fd(argv[1]);
    if (own_fd < 0 || argc == 3 || argc > 4) refuse(EINVAL, REFUSED_BAD_ARGV);
    sys1(__NR_close, own_fd);
  }
  sys3(__NR_fcntl, error_fd, F_SETFD, FD_CLOEXEC);
  reset_signals();
  struct program program = load_program(read_program());
  run(&program);
  return 0;
}
