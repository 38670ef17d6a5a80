/*
 * The headers that define every io.capsa.sys.ArchConstant. ArchConstantTest compiles a program
 * that includes this list and prints each entry, once per architecture, so the list must compile
 * with gcc and with powerpc64le-linux-gnu-gcc alike. A new ArchConstant whose header is missing
 * here fails that compilation, naming the undeclared constant.
 */

/* O_PATH, AT_RECURSIVE and other Linux-only flags are behind _GNU_SOURCE in glibc's headers. */
#define _GNU_SOURCE
#include <sys/socket.h>
#include <stddef.h>
#include <unistd.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/mount.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/prctl.h>
#include <linux/seccomp.h>
#include <linux/audit.h>
/*
 * The kernel's struct termios, which TCGETS and TCSETS read and write; glibc's <termios.h> has
 * a different struct of the same name, so it must not be included as well.
 */
#include <asm/termbits.h>
#include <asm/ioctls.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <linux/stat.h>
#include <asm/resource.h>
/*
 * Older UAPI headers define struct sched_param here as well as glibc's <sched.h> (which
 * <spawn.h> below includes); only struct sched_attr is wanted from this one.
 */
#define sched_param linux_uapi_sched_param
#include <linux/sched/types.h>
#undef sched_param
#include <linux/ioprio.h>
#include <linux/personality.h>
#include <linux/mempolicy.h>
/*
 * MPOL_WEIGHTED_INTERLEAVE joined the kernel's mode enum in 6.9, right after
 * MPOL_PREFERRED_MANY; older headers (Debian 12's are 6.1) lack it, so there it is taken to be
 * that successor, and newer headers check it for real.
 */
#include <linux/version.h>
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 9, 0)
#define MPOL_WEIGHTED_INTERLEAVE (MPOL_PREFERRED_MANY + 1)
#endif
#include <linux/close_range.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/bpf.h>
#include <signal.h>
/* glibc's own types and flags the host side passes to posix_spawn, fstatfs and uname. */
#include <spawn.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <linux/magic.h>
/* The loopback interface's flags, set through an AF_INET socket's SIOCSIFFLAGS. */
#include <net/if.h>
#include <linux/sockios.h>
/* systemd's notify socket: a unix datagram socket at an address, waited for with ppoll. */
#include <sys/un.h>
#include <poll.h>
#include <time.h>
