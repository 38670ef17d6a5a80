#!/usr/bin/env bash
# Installs what building and testing Capsa needs on a Debian 12 machine (run as root):
# compilers for both capsa-init architectures and the UAPI headers their tables are checked
# against, qemu-user for running the ppc64le build, busybox-static for test root filesystems,
# runc/crun to compare behaviour and speed against, and qemu-system-x86 with a Debian kernel
# for the tests that need a pure cgroup v2 guest (scripts/guest-tests.sh, with
# ../shared/guest/run-guest.sh), and procps and util-linux for `capsa ps` (which runs the host's
# ps, as runc does) and the terminal tests (script, setsid). Then checks for a JDK >= 22.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(
  maven gcc libc6-dev linux-libc-dev
  gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross linux-libc-dev-ppc64el-cross qemu-user-static
  busybox-static runc crun hyperfine git procps util-linux
  qemu-system-x86 linux-image-amd64 kmod cpio xz-utils binutils
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: run as root to install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

. "$top/scripts/jdk.sh"
jdk=$(capsa_find_jdk)
echo "install-deps: packages present; building with the JDK at $jdk"
