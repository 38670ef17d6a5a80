/*
 * sd-notify MESSAGE: sends MESSAGE as one datagram to the unix socket $NOTIFY_SOCKET names, as
 * sd_notify(3) does ('@' first: the abstract namespace). Busybox has no such applet, so the
 * notify socket tests build this statically and copy it into their containers' rootfs.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

int main(int argc, char **argv) {
  const char *name = getenv("NOTIFY_SOCKET");
  struct sockaddr_un address = {.sun_family = AF_UNIX};
  if (argc != 2 || name == NULL || name[0] == '\0' || strlen(name) >= sizeof address.sun_path) {
    fprintf(stderr, "usage: NOTIFY_SOCKET=ADDRESS sd-notify MESSAGE\n");
    return 2;
  }
  strcpy(address.sun_path, name);
  socklen_t length = offsetof(struct sockaddr_un, sun_path) + strlen(name) + 1;
  if (name[0] == '@') {
    address.sun_path[0] = '\0';
    length--;
  }
  int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || sendto(fd, argv[1], strlen(argv[1]), 0, (struct sockaddr *) &address, length) < 0) {
    perror("sd-notify");
    return 1;
  }
  return 0;
}
