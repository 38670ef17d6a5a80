/*
 * The two things capsa-init needs from each architecture, so that it can be linked with
 * -nostdlib: a process entry point and the system call instruction. No libc means no hidden
 * startup work, no locale, no buffered stdio and nothing between a program op and the kernel.
 *
 * sys6() returns the kernel's result, or -errno on failure, on every architecture.
 */
#ifndef CAPSA_INIT_ARCH_H
#define CAPSA_INIT_ARCH_H

#include <asm/unistd.h>
#include <linux/audit.h>

int main(int argc, char **argv);

/* Called by _start with the initial stack pointer: argc, then argv[], as the kernel laid them. */
__attribute__((noreturn, used)) void start_c(long *sp);

#if defined(__x86_64__)

#define CAPSA_AUDIT_ARCH AUDIT_ARCH_X86_64

__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "  xor %rbp, %rbp\n"     /* outermost frame, for debuggers */
        "  mov %rsp, %rdi\n"
        "  and $-16, %rsp\n"     /* the ABI wants a 16-byte aligned stack at a call */
        "  call start_c\n"
        "  hlt\n");

static inline long sys6(long nr, long a, long b, long c, long d, long e, long f) {
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  register long r9 __asm__("r9") = f;
  long ret;
  __asm__ volatile("syscall"
                   : "=a"(ret)
                   : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory");
  return ret;
}

#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__

#define CAPSA_AUDIT_ARCH AUDIT_ARCH_PPC64LE

/* ELFv2: the kernel (and qemu-user) enter with r12 = _start, from which the TOC pointer r2 is
 * derived; then an initial stack frame with a zero back chain and link register. */
__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "  addis 2, 12, .TOC.-_start@ha\n"
        "  addi 2, 2, .TOC.-_start@l\n"
        "  mr 3, 1\n"
        "  clrrdi 1, 1, 4\n"
        "  li 0, 0\n"
        "  stdu 0, -32(1)\n"
        "  mtlr 0\n"
        "  bl start_c\n"
        "  nop\n");

/* powerpc reports failure in cr0.SO with a positive errno in r3; negate it to match x86_64. */
static inline long sys6(long nr, long a, long b, long c, long d, long e, long f) {
  register long r0 __asm__("r0") = nr;
  register long r3 __asm__("r3") = a;
  register long r4 __asm__("r4") = b;
  register long r5 __asm__("r5") = c;
  register long r6 __asm__("r6") = d;
  register long r7 __asm__("r7") = e;
  register long r8 __asm__("r8") = f;
  __asm__ volatile("sc\n"
                   "bns+ 1f\n"
                   "neg %1, %1\n"
                   "1:"
                   : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7), "+r"(r8)
                   :
                   : "memory", "cr0", "r9", "r10", "r11", "r12", "ctr", "xer");
  return r3;
}

#else
#error "capsa-init supports x86_64 and little-endian ppc64 only"
#endif

void start_c(long *sp) {
  sys6(__NR_exit_group, main((int)sp[0], (char **)(sp + 1)), 0, 0, 0, 0, 0);
  __builtin_unreachable();
}

#endif
