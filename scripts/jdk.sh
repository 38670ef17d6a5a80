# shellcheck shell=bash
# Sourced by ./build and ./capsa: finds the JDK Capsa builds and runs with.
# Capsa's FFM backend needs JDK 22 or newer, while a machine's default java may be older.

CAPSA_MIN_JDK=22

# Prints the feature version (e.g. 25) of the JDK at $1, read from its release file
# so that no JVM has to start; prints nothing when $1 is not a JDK.
capsa_jdk_feature() {
  local release="$1/release" version
  [ -x "$1/bin/java" ] && [ -f "$release" ] || return 0
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  # JDK 8 and older report 1.x.
  [ "$version" = 1 ] && version=8
  printf '%s' "$version"
}

# Prints the home of a JDK >= CAPSA_MIN_JDK: JAVA_HOME when it is new enough, otherwise the
# newest one under /usr/lib/jvm. Fails with one actionable line on stderr when there is none.
capsa_find_jdk() {
  local home feature best="" best_feature=0
  if [ -n "${JAVA_HOME:-}" ]; then
    feature=$(capsa_jdk_feature "$JAVA_HOME")
    if [ -n "$feature" ] && [ "$feature" -ge "$CAPSA_MIN_JDK" ]; then
      printf '%s\n' "$JAVA_HOME"
      return 0
    fi
  fi
  for home in /usr/lib/jvm/*; do
    [ -L "$home" ] && continue
    feature=$(capsa_jdk_feature "$home")
    if [ -n "$feature" ] && [ "$feature" -ge "$CAPSA_MIN_JDK" ] && [ "$feature" -gt "$best_feature" ]; then
      best=$home
      best_feature=$feature
    fi
  done
  if [ -z "$best" ]; then
    echo "capsa: no JDK >= $CAPSA_MIN_JDK found (JAVA_HOME=${JAVA_HOME:-unset}, none under /usr/lib/jvm); install one, e.g. 'apt-get install openjdk-25-jdk-headless', or set JAVA_HOME to it" >&2
    return 1
  fi
  printf '%s\n' "$best"
}
