#!/usr/bin/env bash
# Runs the tests that need a kernel with a pure cgroup v2 hierarchy (the "guest" tag, left out
# of ./build) inside the throw-away QEMU guest of ../shared/guest/run-guest.sh: the host's / is
# the guest's (read-only), so the JDK and ~/.m2 are there, and this repository is shared
# read-write at the same path. One JVM runs the whole class through JUnit's console launcher,
# then, in the same guest, scripts/guest-sandbox-check.sh runs `capsa sandbox --memory --pids`
# through the launcher (built here first, with its AOT cache, so the guest only runs it).
#   scripts/guest-tests.sh            build what is needed, then run both in the guest
# Needs the packages scripts/install-deps.sh installs (qemu-system-x86, linux-image-amd64, ...).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
run_guest=${CAPSA_RUN_GUEST:-$top/../shared/guest/run-guest.sh}
guest_class=io.capsa.runtime.cgroups.CgroupGuestTest
target=$top/runtime-core/target
[ -x "$run_guest" ] || { echo "guest-tests: $run_guest not found" >&2; exit 1; }

. "$top/scripts/jdk.sh"
java_home=$(capsa_find_jdk)

# The launcher builds capsa.jar when it is missing or stale; the guest then finds it fresh.
"$top/capsa" --version > /dev/null

# runtime-core's jar and test classpath, with the sibling modules as their jars: a class data
# sharing archive (below) takes jars only.
"$top/build" -q -pl runtime-core -am -DskipTests package \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/guest-classpath.txt
"$java_home/bin/jar" cf "$target/guest-tests.jar" -C "$target/test-classes" .
classpath=$target/guest-tests.jar:$(ls "$target"/runtime-core-*.jar | grep -v -e sources -e tests):$(cat "$target/guest-classpath.txt")

# Under software emulation a JVM spends most of its start loading and verifying classes. A
# run here (where the guest class skips itself) archives the classes JUnit and the tests load,
# and the guest maps them from that archive: the same JDK, classpath and files on both sides.
# (-Xlog:cds=off: the JDK's base archive was made without --enable-native-access, which the
# JVM reports as an error while it goes on using the archives.)
java_options=(--enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
  -Xlog:cds=off -XX:SharedArchiveFile="$target/guest-tests.jsa")
launcher=(-cp "$classpath" org.junit.platform.console.ConsoleLauncher execute --disable-banner
  --disable-ansi-colors)
rm -f "$target/guest-tests.jsa"
"$java_home/bin/java" "${java_options[@]/#-XX:SharedArchiveFile=/-XX:ArchiveClassesAtExit=}" \
  "${launcher[@]}" --details=none --select-class="$guest_class" \
  --select-class=io.capsa.runtime.cgroups.CgroupStatsTest > /dev/null

junit=("$java_home/bin/java" "${java_options[@]}" -Dcapsa.guest.required=true "${launcher[@]}"
  --details=tree --fail-if-no-tests --reports-dir="$target/guest-reports"
  --select-class="$guest_class")
# One boot for both; the guest's status is the first failure's.
in_guest="$(printf '%q ' "${junit[@]}"); junit=\$?
$(printf '%q' "$top/scripts/guest-sandbox-check.sh"); check=\$?
exit \$(( junit != 0 ? junit : check ))"

start=$(date +%s)
status=0
GUEST_SHARE=$top GUEST_CWD=$top GUEST_TIMEOUT=${GUEST_TIMEOUT:-600} "$run_guest" -- \
  /bin/bash -c "$in_guest" || status=$?
echo "guest-tests: $guest_class and the sandbox check in the guest took" \
  "$(( $(date +%s) - start )) s (status $status)"
exit $status
