# shellcheck shell=bash
# Shared helpers for the scripts in bin/. Source it; do not run it.
# Every message goes to stderr with the script's name, so stdout stays free for data.

# The name shown in front of every message.
TT_SCRIPT_NAME="$(basename "${0:-timetracker}" .sh)"

# log MESSAGE...: one line about what happens now.
log() {
  printf '%s: %s\n' "$TT_SCRIPT_NAME" "$*" >&2
}

# warn MESSAGE...: something the operator should look at; the script goes on.
warn() {
  printf '%s: warning: %s\n' "$TT_SCRIPT_NAME" "$*" >&2
}

# die MESSAGE...: what went wrong and what to do; exits with status 1 (or $TT_EXIT_CODE).
die() {
  printf '%s: error: %s\n' "$TT_SCRIPT_NAME" "$*" >&2
  exit "${TT_EXIT_CODE:-1}"
}

# step NAME COMMAND...: runs COMMAND, then logs NAME with how long it took.
step() {
  local name="$1"
  local started
  local status
  shift
  started=$(date +%s)
  status=0
  "$@" || status=$?
  if (( status == 0 )); then
    log "$name ($(( $(date +%s) - started )) s)"
  else
    log "$name failed after $(( $(date +%s) - started )) s"
  fi
  return "$status"
}

# require_root WHAT: stops unless the script runs as root, saying why root is needed.
require_root() {
  if (( EUID != 0 )); then
    die "$1 needs root; run it again with sudo"
  fi
}

# have COMMAND: true when COMMAND is on the PATH.
have() {
  command -v "$1" >/dev/null 2>&1
}

# repo_root: the checkout this script belongs to.
repo_root() {
  cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd
}
