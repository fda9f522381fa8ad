# shellcheck shell=bash
# Finds a JDK >= 21 for Maven. Source it after common.sh.

TT_MIN_JAVA=21

# java_major JAVA_BIN: prints the feature version of that java (17, 21, 25, ...).
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

# find_jdk: prints the home of the newest JDK >= 21, trying JAVA_HOME, the default java and
# /usr/lib/jvm in that order; prints nothing when there is none.
find_jdk() {
  local candidate
  local best=""
  local best_major=0
  local major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} \
    "$(dirname "$(dirname "$(readlink -f "$(command -v javac || echo /nonexistent)")")")" \
    /usr/lib/jvm/*; do
    [[ -x "$candidate/bin/javac" ]] || continue
    major="$(java_major "$candidate/bin/java")"
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if (( major >= TT_MIN_JAVA && major > best_major )); then
      best="$candidate"
      best_major="$major"
    fi
  done
  printf '%s' "$best"
}

# use_jdk: exports JAVA_HOME for a JDK >= 21 or dies saying what to install.
use_jdk() {
  local home
  local major
  home="$(find_jdk)"
  if [[ -z "$home" ]]; then
    die "no JDK $TT_MIN_JAVA or newer found (looked at JAVA_HOME, javac on the PATH and /usr/lib/jvm);" \
      "install one, for example: apt-get install openjdk-21-jdk-headless (Debian 13) or a Temurin JDK"
  fi
  export JAVA_HOME="$home"
  export PATH="$JAVA_HOME/bin:$PATH"
  major="$(java_major "$JAVA_HOME/bin/java")"
  # Maven's bundled Guava still uses sun.misc.Unsafe; newer JDKs warn about it at every start.
  if (( major >= 24 )); then
    export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
  fi
  log "using the JDK in $JAVA_HOME (Java $major)"
}
