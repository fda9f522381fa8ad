#!/usr/bin/env bash
# Runs every test of timetracker: unit tests, the API against Payara Micro and PostgreSQL,
# the web UI in headless Chromium, and the images, compose stacks and operator scripts on a
# real Docker engine. As root on Debian or Ubuntu it installs what is missing first.
set -Eeuo pipefail

# shellcheck source=bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=bin/lib/java.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/java.sh"
# shellcheck source=bin/lib/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"
# shellcheck source=bin/lib/docker-engine.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/docker-engine.sh"

usage() {
  cat <<'USAGE'
Usage: bin/test.sh [--quick] [-- MAVEN_ARGS...]

Runs all tests. Installs, when run as root on Debian or Ubuntu and missing: Maven, Chromium
with its driver, nginx, shellcheck, openssl, iproute2, gpg, curl, and a Docker engine with
Compose v2.

  --quick   unit and API tests only (no browser, no Docker)
  -h        this help

Anything after -- goes to Maven, for example: bin/test.sh -- -Dit.test=TimerIT
USAGE
}

main() {
  local quick=false
  local profiles="browser,system"
  local maven_args=()
  while (( $# > 0 )); do
    case "$1" in
      --quick) quick=true ;;
      -h | --help) usage; exit 0 ;;
      --) shift; maven_args=("$@"); break ;;
      *) usage >&2; die "unknown option '$1'" ;;
    esac
    shift
  done

  cd "$(repo_root)"
  use_jdk
  ensure_packages maven
  if [[ "$quick" == true ]]; then
    profiles=""
  else
    ensure_packages chromium chromium-driver nginx shellcheck openssl iproute2 gpg curl
    ensure_docker
  fi

  log "running the tests: mvn verify${profiles:+ -P$profiles}"
  mvn -B -ntp verify ${profiles:+"-P$profiles"} "${maven_args[@]}"
}

main "$@"
