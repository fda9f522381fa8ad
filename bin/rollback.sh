#!/usr/bin/env bash
# Switches timetracker back to an earlier version whose images are on this server: no build, no
# failed request, under the same lock, health gate and history as a release.
set -Eeuo pipefail

# shellcheck source=bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=bin/lib/deploy.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deploy.sh"
# shellcheck source=bin/lib/rollout.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/rollout.sh"
# shellcheck source=bin/lib/secrets.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/secrets.sh"

usage() {
  cat <<USAGE
Usage: bin/rollback.sh [--wait SECONDS] [VERSION]
       bin/rollback.sh --list

Switches to VERSION (default: the version that ran before the current one), using its images
on this server. The database keeps its newer schema: migrations are written so that the
previous version works on it (docs/runbooks/rollback.md). Nothing is restored from a backup.
Like a release, it first checks the secrets and stops, changing nothing, when one is missing,
empty, misowned or readable by every user.

  --list           the versions whose images are here, when the newest of their images was
                   built, when each last ran, and which one runs now
  --wait SECONDS   wait at most this long for a running release or rollback to finish
  -h, --help       this help

Settings come from \$TT_CONFIG (default /srv/timetracker/timetracker.conf).

$(print_exit_codes USAGE BUSY REFUSED ROLLED_BACK BROKEN)
USAGE
}

# last_ran VERSION: when VERSION last started serving, from the history.
last_ran() {
  history_lines | awk -F '\t' -v version="$1" '$4 == version && $5 == "ok" { time = $1 }
    END { print (time == "" ? "never" : time) }'
}

# list_versions: one line per version in the history whose images are all here.
list_versions() {
  local version
  local current
  local previous
  local built
  local note
  local service
  current="$(current_version)"
  previous="$(previous_version)"
  printf '%-28s  %-20s  %-20s  %s\n' "version" "built (UTC)" "last ran (UTC)" ""
  while IFS= read -r version; do
    images_exist "$version" || continue
    built="$(for service in "${TT_SERVICES[@]}"; do
      docker image inspect --format '{{.Created}}' "$(image "$service" "$version")"
    done | sort | tail -n 1 | cut -c 1-19)"
    note=""
    [[ "$version" == "$current" ]] && note="running"
    [[ "$version" == "$previous" ]] && note="previous (the default target)"
    printf '%-28s  %-20s  %-20s  %s\n' "$version" "${built/T/ }" "$(last_ran "$version")" "$note"
  done < <(known_versions)
}

main() {
  local target=""
  local wait=""
  while (( $# > 0 )); do
    case "$1" in
      --list) load_settings; list_versions; return 0 ;;
      --wait) [[ "${2:-}" =~ ^[0-9]+$ ]] || usage_error "--wait needs a number of seconds"
        wait="$2"; shift ;;
      -h | --help) usage; exit 0 ;;
      -*) usage_error "unknown option '$1'" ;;
      *) [[ -z "$target" ]] || usage_error "one VERSION at most"; target="$1" ;;
    esac
    shift
  done

  load_settings
  take_lock rollback "$wait"
  require_usable_secrets
  clear_leftovers
  [[ -n "$target" ]] || target="$(previous_version)"
  [[ -n "$target" ]] \
    || refuse "no earlier version in the history; name one (bin/rollback.sh --list)"
  images_exist "$target" || refuse "the images of $target are not on this server" \
    "(bin/rollback.sh --list shows those that are); release it with bin/release.sh instead"
  if [[ "$target" == "$(current_version)" && -n "$(serving_apps)" ]]; then
    log "$target runs already; nothing to do"
    return 0
  fi

  log "rolling back from $(current_version) to $target"
  switch_version "$target" rollback
}

main "$@"
