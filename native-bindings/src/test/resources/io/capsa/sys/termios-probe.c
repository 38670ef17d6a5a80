/*
 * Reads a fresh pty's mode twice, as the kernel's struct termios and through glibc, for
 * TermiosLayoutTest to decode the first with io.capsa.sys.Termios and compare it with the
 * second. Arguments: TCGETS, TCSETS and the kernel struct's size on this architecture (glibc's
 * <termios.h> has a struct termios of its own, so the kernel's headers cannot be included), and
 * optionally a kernel struct in hex that is set with TCSETS first. Prints:
 *   kernel <the struct in hex>
 *   glibc <iflag> <oflag> <cflag> <lflag> <c_cc[VMIN]> <c_cc[VTIME]>
 *   cfmakeraw <the same fields after glibc's cfmakeraw>
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>

static void print_fields(const char *name, const struct termios *t) {
  printf("%s %u %u %u %u %u %u\n", name, (unsigned) t->c_iflag, (unsigned) t->c_oflag,
         (unsigned) t->c_cflag, (unsigned) t->c_lflag, (unsigned) t->c_cc[VMIN],
         (unsigned) t->c_cc[VTIME]);
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: termios-probe TCGETS TCSETS SIZE [STRUCT-HEX]\n");
    return 2;
  }
  unsigned long tcgets = strtoul(argv[1], NULL, 0);
  unsigned long tcsets = strtoul(argv[2], NULL, 0);
  size_t size = strtoul(argv[3], NULL, 0);
  unsigned char kernel[256];
  if (size > sizeof kernel) {
    fprintf(stderr, "struct too large\n");
    return 2;
  }
  int fd = open("/dev/ptmx", O_RDWR | O_NOCTTY);
  if (fd < 0) {
    perror("open /dev/ptmx");
    return 1;
  }
  if (argc > 4) {
    for (size_t i = 0; i < size; i++) {
      unsigned int byte;
      sscanf(argv[4] + 2 * i, "%2x", &byte);
      kernel[i] = (unsigned char) byte;
    }
    if (ioctl(fd, tcsets, kernel) != 0) {
      perror("TCSETS");
      return 1;
    }
  }
  if (ioctl(fd, tcgets, kernel) != 0) {
    perror("TCGETS");
    return 1;
  }
  printf("kernel ");
  for (size_t i = 0; i < size; i++) {
    printf("%02x", kernel[i]);
  }
  printf("\n");
  struct termios t;
  if (tcgetattr(fd, &t) != 0) {
    perror("tcgetattr");
    return 1;
  }
  print_fields("glibc", &t);
  cfmakeraw(&t);
  print_fields("cfmakeraw", &t);
  return 0;
}
