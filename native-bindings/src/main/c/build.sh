#!/bin/sh
# Builds capsa-init for every architecture Capsa supports into OUTPUT_DIR as
# capsa-init-<arch>. An architecture whose compiler is missing is skipped with a warning,
# unless REQUIRE_ALL is "true" (release and CI builds, which must ship every binary).
#
#   build.sh OUTPUT_DIR [REQUIRE_ALL]
set -eu
src=$(cd "$(dirname "$0")" && pwd)
out=$1
require_all=${2:-false}
mkdir -p "$out"

# Freestanding and static: capsa-init runs inside a container's mount namespace, where no
# library of the host may be visible. libgcc only supplies helpers such as powerpc's
# out-of-line register save/restore routines that -Os calls.
CFLAGS="-std=c11 -Os -Wall -Wextra -Werror -ffreestanding -fno-builtin -fno-stack-protector
        -fno-pie -fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns"
LDFLAGS="-nostdlib -static -no-pie -s -Wl,--build-id=none"

# Prints the compiler that targets $1 (a GNU triple), or nothing.
compiler_for() {
  if command -v "$1-gcc" >/dev/null 2>&1; then
    echo "$1-gcc"
  elif command -v gcc >/dev/null 2>&1 && [ "$(gcc -dumpmachine)" = "$1" ]; then
    echo gcc
  fi
}

build() {
  arch=$1 triple=$2 package=$3
  cc=$(compiler_for "$triple")
  if [ -z "$cc" ]; then
    if [ "$require_all" = true ]; then
      echo "[ERROR] capsa-init-$arch: no compiler for $triple (install $package)" >&2
      exit 1
    fi
    echo "[WARNING] capsa-init-$arch not built: no compiler for $triple (install $package)"
    return 0
  fi
  # shellcheck disable=SC2086 # the flag lists are meant to split
  "$cc" $CFLAGS $LDFLAGS -o "$out/capsa-init-$arch" "$src/capsa-init.c" -lgcc
  chmod 755 "$out/capsa-init-$arch"
}

build x86_64 x86_64-linux-gnu gcc-x86-64-linux-gnu
build ppc64le powerpc64le-linux-gnu gcc-powerpc64le-linux-gnu
