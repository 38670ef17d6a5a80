#!/usr/bin/env bash
# How long an embedded ContainerRuntime.run of /bin/true takes from a warm JVM, next to
# `crun run` and `runc run` of the same bundle: a busybox rootfs, runc spec's configuration,
# new pid, mount, uts, ipc and network namespaces. Each run is create + start + wait + delete.
# Capsa creates no cgroup yet, so crun runs with --cgroup-manager=disabled; runc, which cannot
# skip cgroups, still creates them. A runtime that cannot run here (crun 1.8 refuses a hybrid
# cgroup layout whose cgroup2 has a controller) is reported and left out.
# Needs root, busybox-static, crun and runc.
#
#   bench/run-true.sh [ITERATIONS [WARMUP]]     defaults: 200 measured after 100 warm-up
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$top/scripts/jdk.sh"
iterations=${1:-200}
warmup=${2:-100}
[ "$(id -u)" = 0 ] || { echo "run-true.sh needs root" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Compiles everything the benchmark class needs and writes its class path.
"$top/build" -q -pl tests-integration -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=test >&2
target=$top/tests-integration/target
java_home=$(capsa_find_jdk)
echo ".level = SEVERE" > "$work/logging.properties"
read -r capsa_median capsa_p90 < <("$java_home/bin/java" --enable-native-access=ALL-UNNAMED \
  -Djava.util.logging.config.file="$work/logging.properties" \
  -cp "$target/test-classes:$target/classes:$(cat "$work/classpath")" \
  io.capsa.it.RunTrueBenchmark "$work/bundle" "$work/capsa-state" "$warmup" "$iterations")

# The same bundle for crun and runc, which refuse a runtime-spec version newer than theirs.
mkdir "$work/oci-bundle"
sed -e 's|"ociVersion": "[^"]*"|"ociVersion": "1.0.2"|' \
  -e "s|\"path\": \"rootfs\"|\"path\": \"$work/bundle/rootfs\"|" \
  "$work/bundle/config.json" > "$work/oci-bundle/config.json"

# Prints "MEDIAN P90" in milliseconds of `$@ run` of the bundle, after warm-up runs.
time_runtime() {
  local i start end
  local -a millis=()
  for ((i = 0; i < warmup + iterations; i++)); do
    start=$EPOCHREALTIME
    "$@" run --bundle "$work/oci-bundle" "bench-$i" </dev/null >/dev/null
    end=$EPOCHREALTIME
    if ((i >= warmup)); then
      millis+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", (e - s) * 1000 }')")
    fi
  done
  printf '%s\n' "${millis[@]}" | sort -n | awk '{ v[NR] = $1 }
    END { printf "%s %s\n", v[int(NR / 2) + 1], v[int(NR * 9 / 10) + 1] }'
}
# Runs "$name" "$@": a timing when the runtime can run the bundle here, its error otherwise.
declare -A median p90 failure
measure() {
  local name=$1 error
  shift
  if error=$("$@" run --bundle "$work/oci-bundle" probe 2>&1 </dev/null); then
    read -r "median[$name]" "p90[$name]" < <(time_runtime "$@")
  else
    failure[$name]=$error
  fi
}
measure crun crun --root "$work/crun-state" --cgroup-manager=disabled
measure runc runc --root "$work/runc-state"

echo "run of /bin/true (create, start, wait, delete): $warmup warm-up, $iterations measured each"
printf '%-22s %10s %10s\n' "" "median" "p90"
printf '%-22s %7.2f ms %7.2f ms\n' "Capsa (embedded, JVM)" "$capsa_median" "$capsa_p90"
for name in crun runc; do
  if [ -n "${failure[$name]:-}" ]; then
    printf '%-22s cannot run here: %s\n' "$name" "${failure[$name]}"
  else
    printf '%-22s %7.2f ms %7.2f ms\n' "$name" "${median[$name]}" "${p90[$name]}"
  fi
done
for name in crun runc; do
  if [ -z "${failure[$name]:-}" ]; then
    awk -v n="Capsa / $name" -v cm="$capsa_median" -v cp="$capsa_p90" \
      -v m="${median[$name]}" -v p="${p90[$name]}" \
      'BEGIN { printf "%-22s %9.2fx %9.2fx\n", n, cm / m, cp / p }'
  fi
done
