/* Prints "<number> <strerror text>", one line for each errno number given as an argument. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    int number = atoi(argv[i]);
    printf("%d %s\n", number, strerror(number));
  }
  return 0;
}
