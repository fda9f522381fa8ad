#!/usr/bin/env bash
# Measures the API on this machine: 1,000,000 entries for 100 users in PostgreSQL, the packaged
# WAR on Payara Micro, wrk over loopback. Prints a table of requests/s and latency percentiles.
set -Eeuo pipefail

# shellcheck source=bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=bin/lib/java.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/java.sh"
# shellcheck source=bin/lib/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"

usage() {
  cat <<'USAGE'
Usage: bin/bench-api.sh [--warmup SECONDS] [--seconds SECONDS]

Loads 1,000,000 entries for 100 users into an embedded PostgreSQL 17, starts the WAR on
Payara Micro (heap 512 MiB) and runs wrk on loopback against GET /api/entries (one week),
GET /api/reports/summary (one year) and POST /api/timer/start. Takes about 8 minutes.

  --warmup SECONDS   warm-up per scenario before measuring (default 30)
  --seconds SECONDS  measuring time per scenario (default 30)
  --jvm OPTIONS      extra JVM options for Payara Micro, e.g. a flight recording:
                     --jvm "-XX:StartFlightRecording=filename=/tmp/app.jfr"
USAGE
}

main() {
  local warmup=30
  local seconds=30
  local jvm=""
  while (( $# > 0 )); do
    case "$1" in
      --warmup) warmup="${2:?--warmup needs a number of seconds}"; shift ;;
      --seconds) seconds="${2:?--seconds needs a number of seconds}"; shift ;;
      --jvm) jvm="${2:?--jvm needs JVM options}"; shift ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; die "unknown option '$1'" ;;
    esac
    shift
  done

  cd "$(repo_root)"
  use_jdk
  ensure_packages maven wrk
  step "built the WAR and the benchmark" \
    mvn -B -q -ntp -DskipTests -Dspotless.check.skip=true verify
  mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath >/dev/null

  java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    -Dpayara.microJar=target/payara-micro.jar -Dtimetracker.war=target/timetracker.war \
    -Dbench.warmup="$warmup" -Dbench.seconds="$seconds" -Dbench.jvm="$jvm" \
    org.timetracker.bench.ApiBenchmark
}

main "$@"
