#!/usr/bin/env bash
# Run by scripts/guest-tests.sh inside the cgroup v2 guest, where the memory and pids
# controllers exist: `capsa sandbox --memory --pids` through the real launcher. The sandboxed
# command reads memory.max and pids.max of its own cgroup (the sandbox has no cgroup namespace,
# so /proc/self/cgroup names it in the hierarchy, which a read-only volume shows); then capsa
# must have exited 0 and left no cgroup and no state behind.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fail() { echo "guest-sandbox-check: $*" >&2; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
limits=$("$top/capsa" --root "$root" sandbox --memory 64m --pids 32 \
  -v /sys/fs/cgroup:/cgroup:ro -- \
  sh -c 'own=$(sed -n "s/^0:://p" /proc/self/cgroup); cat "/cgroup$own/memory.max" "/cgroup$own/pids.max"') \
  || fail "capsa sandbox exited with $?"
[ "$limits" = $'67108864\n32' ] || fail "memory.max and pids.max inside: $limits"
left=$(find /sys/fs/cgroup -mindepth 1 -maxdepth 1 -type d -name 'sandbox-*')
[ -z "$left" ] || fail "cgroups left: $left"
[ -z "$(ls -A "$root")" ] || fail "state left under $root: $(ls -A "$root")"
echo "guest-sandbox-check: capsa sandbox --memory 64m --pids 32 saw memory.max 67108864 and" \
  "pids.max 32 and left nothing, in $SECONDS s"
