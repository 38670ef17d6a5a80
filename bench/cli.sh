#!/usr/bin/env bash
# The capsa command against runc and crun, with hyperfine, on the same busybox bundle (runc
# spec's configuration: read-only root, new pid, mount, uts, ipc and network namespaces) whose
# process is /bin/true:
#   run     `X run` of the bundle: create, start, wait, delete in one command
#   cycle   `X create`, `X start`, `X delete --force`: three commands, as a shim runs them
#   verbs   each of those and `X state` of a created container on its own (the others' set-up
#           runs before each measured command, outside the measurement)
#   start   how fast the JVM starts: `capsa --version` and `capsa state` of a missing container,
#           with the build's AOT cache (what ./capsa uses) and without it, ./capsa itself, and
#           a whole `capsa sandbox -- true`
# and prints medians and the ratios capsa / runc and capsa / crun.
#
# Each runtime makes the container's cgroup, as it does by default. crun and runc get a copy of
# config.json that says ociVersion 1.0.2, since they refuse a newer runtime-spec than theirs.
# crun 1.8 also refuses a hybrid cgroup layout whose cgroup2 hierarchy has a controller: it then
# runs in a private mount namespace where an empty tmpfs covers that hierarchy (it makes cgroup
# v1 cgroups there, as runc does here), and the script says so. A runtime that still cannot run
# the bundle here is reported with its error and left out of the ratios.
# Needs root; installs hyperfine, runc, crun and busybox-static with apt-get when missing.
#
#   bench/cli.sh [RUNS [WARMUP]]     defaults: 30 measured runs after 3 warm-up runs
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$top/scripts/jdk.sh"
runs=${1:-30}
warmup=${2:-3}
[ "$(id -u)" = 0 ] || { echo "cli.sh needs root" >&2; exit 1; }

missing=()
for package in hyperfine runc crun busybox-static; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi

capsa=$top/capsa
"$capsa" --version >/dev/null   # builds the jar and its AOT cache when they are stale
java=$(capsa_find_jdk)/bin/java
jar=$top/cli/target/capsa.jar
aot=$top/cli/target/capsa.aot
jvm_args=$top/cli/src/main/launcher/jvm.args
[ "$aot" -nt "$jar" ] || { echo "cli.sh: $aot is missing or older than $jar" >&2; exit 1; }

work=$(mktemp -d)
# How each runtime is run: its command line and, for crun on a hybrid cgroup host, a wrapper.
declare -A runtime wrapper failure note
runtime[capsa]="$capsa --root $work/capsa"
runtime[runc]="runc --root $work/runc"
runtime[crun]="crun --root $work/crun"
cleanup() {
  local name id
  for name in capsa runc crun; do
    for id in $(${wrapper[$name]:-} ${runtime[$name]} list -q 2>/dev/null); do
      ${wrapper[$name]:-} ${runtime[$name]} delete --force "$id" >/dev/null 2>&1 || true
    done
  done
  rm -rf "$work"
}
trap cleanup EXIT

# The bundle: busybox with a link per applet, and capsa spec's config.json running /bin/true.
bundle=$work/bundle
mkdir -p "$bundle/rootfs"/{bin,proc,sys,dev,tmp,etc,root}
cp /bin/busybox "$bundle/rootfs/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$bundle/rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$bundle/rootfs/etc/passwd"
printf 'root:x:0:\n' > "$bundle/rootfs/etc/group"
"$capsa" spec --bundle "$bundle"
sed -i -e 's|"terminal": true|"terminal": false|' \
  -e '/"args": \[/,/\]/s|"sh"|"true"|' "$bundle/config.json"
grep -q '"terminal": false' "$bundle/config.json" && grep -q '"true"' "$bundle/config.json" \
  || { echo "cli.sh: capsa spec's config.json changed shape; cannot set its process" >&2; exit 1; }
oci_bundle=$work/oci-bundle
mkdir "$oci_bundle"
sed -e 's|"ociVersion": "[^"]*"|"ociVersion": "1.0.2"|' \
  -e "s|\"path\": \"rootfs\"|\"path\": \"$bundle/rootfs\"|" \
  "$bundle/config.json" > "$oci_bundle/config.json"

bundle_of() { if [ "$1" = capsa ]; then echo "$bundle"; else echo "$oci_bundle"; fi; }

# crun 1.8 refuses the hybrid layout when its cgroup2 hierarchy has a controller; in a private
# mount namespace whose cgroup2 mount point is covered by an empty tmpfs it sees a cgroup v1
# host, which it accepts. Runs "$@" there.
unified=$(awk '{ for (i = 7; i < NF; i++) if ($i == "-") { if ($(i + 1) == "cgroup2") print $5; break } }' /proc/self/mountinfo | head -n 1)
hidden_cgroup2() {
  unshare -m --propagation private sh -c \
    'mount -t tmpfs -o size=4k,mode=555 capsa-bench "$0" && exec "$@"' "$unified" "$@"
}

# Keeps the runtimes that can run the bundle here; says why for the others.
available=()
for name in capsa runc crun; do
  if error=$(${runtime[$name]} run --bundle "$(bundle_of "$name")" probe 2>&1 </dev/null); then
    available+=("$name")
  elif [ "$name" = crun ] && [ -n "$unified" ] && [ "$unified" != /sys/fs/cgroup ] \
      && hidden_cgroup2 ${runtime[$name]} run --bundle "$oci_bundle" probe </dev/null >/dev/null 2>&1; then
    available+=("$name")
    wrapper[$name]=hidden_cgroup2
    note[$name]="crun refuses this host's hybrid cgroup layout (\"$(printf '%s' "$error" | tail -n 1)\"): it runs in a mount namespace where an empty tmpfs covers $unified"
  else
    failure[$name]=$(printf '%s' "$error" | tail -n 1)
  fi
done

# hyperfine "$@" with the runs, the warm-up and a CSV export to $2, under wrapper $1 (or none);
# its warnings are kept aside.
measure() {
  local wrap=$1 csv=$2
  shift 2
  $wrap hyperfine --style none --runs "$runs" --warmup "$warmup" --export-csv "$csv" "$@" \
    >/dev/null 2>>"$work/hyperfine.log" || { cat "$work/hyperfine.log" >&2; exit 1; }
}

for name in "${available[@]}"; do
  command=${runtime[$name]}
  dir=$(bundle_of "$name")
  measure "${wrapper[$name]:-}" "$work/run-$name.csv" -N -n "$name" "$command run --bundle $dir bench-run"
  measure "${wrapper[$name]:-}" "$work/cycle-$name.csv" -n "$name" \
    "$command create --bundle $dir bench-cycle && $command start bench-cycle && $command delete --force bench-cycle"
  fresh="$command delete --force bench-verb; $command create --bundle $dir bench-verb"
  measure "${wrapper[$name]:-}" "$work/create-$name.csv" -n "$name" \
    --prepare "$command delete --force bench-verb" "$command create --bundle $dir bench-verb"
  measure "${wrapper[$name]:-}" "$work/state-$name.csv" -n "$name" \
    --prepare "$command state bench-verb || $command create --bundle $dir bench-verb" \
    "$command state bench-verb"
  measure "${wrapper[$name]:-}" "$work/start-$name.csv" -n "$name" --prepare "$fresh" \
    "$command start bench-verb"
  measure "${wrapper[$name]:-}" "$work/delete-$name.csv" -n "$name" --prepare "$fresh" \
    "$command delete --force bench-verb"
done
with_cache="$java @$jvm_args -XX:AOTCache=$aot -jar $jar"
without_cache="$java @$jvm_args -jar $jar"
measure "" "$work/start.csv" -N -i \
  -n "capsa --version (AOT cache)" "$with_cache --version" \
  -n "capsa --version (no cache)" "$without_cache --version" \
  -n "capsa state (AOT cache)" "$with_cache --root $work/capsa state missing" \
  -n "capsa state (no cache)" "$without_cache --root $work/capsa state missing" \
  -n "./capsa --version" "$capsa --version" \
  -n "./capsa sandbox -- true" "$capsa --root $work/capsa sandbox -- true"

# The median in ms of command NAME in CSV (hyperfine writes seconds; names have no commas).
median() { awk -F, -v n="$2" 'NR > 1 && $1 == n { printf "%.1f", $4 * 1000 }' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "$(date -u +%F), $(nproc) cores $(uname -m), kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$runs runs after $warmup warm-up runs each; medians"
for name in runc crun; do
  if [ -n "${failure[$name]:-}" ]; then
    echo "$name cannot run the bundle here, left out: ${failure[$name]}"
  fi
  if [ -n "${note[$name]:-}" ]; then
    echo "note: ${note[$name]}"
  fi
done
printf '\n%-28s' ""
for name in "${available[@]}"; do printf '%12s' "$name"; done
for name in "${available[@]}"; do [ "$name" = capsa ] || printf '%14s' "capsa/$name"; done
echo
for phase in run cycle create start state delete; do
  case $phase in
    run) label="run (/bin/true)" ;;
    cycle) label="create, start, delete" ;;
    delete) label="delete --force" ;;
    *) label=$phase ;;
  esac
  printf '%-28s' "$label"
  for name in "${available[@]}"; do printf '%9s ms' "$(median "$work/$phase-$name.csv" "$name")"; done
  for name in "${available[@]}"; do
    [ "$name" = capsa ] || printf '%13sx' "$(ratio "$(median "$work/$phase-capsa.csv" capsa)" \
      "$(median "$work/$phase-$name.csv" "$name")")"
  done
  echo
done
echo
for what in "capsa --version" "capsa state"; do
  cached=$(median "$work/start.csv" "$what (AOT cache)")
  uncached=$(median "$work/start.csv" "$what (no cache)")
  printf '%-28s%9s ms with the AOT cache, %s ms without (without / with: %s)\n' "$what" \
    "$cached" "$uncached" "$(ratio "$uncached" "$cached")"
done
for what in "./capsa --version" "./capsa sandbox -- true"; do
  printf '%-28s%9s ms\n' "$what" "$(median "$work/start.csv" "$what")"
done
