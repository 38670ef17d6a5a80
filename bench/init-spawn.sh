#!/usr/bin/env bash
# How long launching capsa-init takes from a warm JVM (InitLauncher: posix_spawn through FFM,
# sealed memfd, pidfd, error channel) next to the same launches made by a small C program.
# Both run a program that only exits 0, so the numbers are the cost of the launch itself.
#
#   bench/init-spawn.sh [ITERATIONS [WARMUP]]     defaults: 3000 measured after 2000 warm-up
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$top/scripts/jdk.sh"
iterations=${1:-3000}
warmup=${2:-2000}

# Compiles the classes, the test classes (where the Java half lives) and capsa-init.
"$top/build" -q -pl native-bindings test-compile >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -Wall -Wextra -o "$work/init-spawn" "$top/bench/init-spawn.c"

target=$top/native-bindings/target
java_home=$(capsa_find_jdk)
read -r java_median java_p90 < <("$java_home/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "$target/classes:$target/test-classes" io.capsa.init.InitSpawnBenchmark \
  --program-out "$work/program" "$warmup" "$iterations")
read -r c_median c_p90 < <("$work/init-spawn" \
  "$target/classes/io/capsa/init/capsa-init-$(uname -m)" "$work/program" "$warmup" "$iterations")

echo "capsa-init launch + wait, program 'exit 0': $warmup warm-up, $iterations measured each"
printf '%-14s %12s %12s\n' "" "median" "p90"
printf '%-14s %9.1f µs %9.1f µs\n' "Java (FFM)" "$java_median" "$java_p90"
printf '%-14s %9.1f µs %9.1f µs\n' "C" "$c_median" "$c_p90"
awk -v jm="$java_median" -v jp="$java_p90" -v cm="$c_median" -v cp="$c_p90" \
  'BEGIN { printf "%-14s %11.2fx %11.2fx\n", "Java / C", jm / cm, jp / cp }'
