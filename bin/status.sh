#!/usr/bin/env bash
# Shows how timetracker does on this server: the running version, each service's health, the
# last releases, the last backup, disk use and the secrets' age.
set -Eeuo pipefail

# shellcheck source=bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=bin/lib/deploy.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deploy.sh"
# shellcheck source=bin/lib/backups.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/backups.sh"
# shellcheck source=bin/lib/rollout.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/rollout.sh"

# A backup older than this is reported (the timer makes one a day).
readonly BACKUP_MAX_AGE_HOURS=26
# Less free space than this on Docker's disk is reported.
readonly MIN_FREE_PERCENT=10

usage() {
  cat <<USAGE
Usage: bin/status.sh [--releases N]

Prints the running version, the health of web, app and db, the last N releases and rollbacks
(default 5), the last backup, disk use of images, volumes, logs and backups, and the age of
the secrets. Lines that need attention start with "!".

  --releases N   how many history lines to show
  -h, --help     this help

Settings come from \$TT_CONFIG (default /srv/timetracker/timetracker.conf).

$(print_exit_codes USAGE ATTENTION)
USAGE
}

# age SECONDS: "3 min", "5 h", "2 days".
age() {
  if (( $1 < 3600 )); then
    printf '%d min' $(($1 / 60))
  elif (( $1 < 172800 )); then
    printf '%d h' $(($1 / 3600))
  else
    printf '%d days' $(($1 / 86400))
  fi
}

show_version() {
  local current
  local since
  current="$(current_version)"
  since="$(history_lines | awk -F '\t' '$5 == "ok" { time = $1 } END { print time }')"
  printf 'timetracker (%s) on %s\n' "$COMPOSE_PROJECT_NAME" "$(hostname)"
  if [[ -z "$current" ]]; then
    flag version "none released yet (bin/release.sh)"
  else
    say version "$current since $since, previous: $(previous_version || true)"
  fi
}

show_services() {
  local service
  local container
  local containers
  local started
  for service in "${TT_SERVICES[@]}"; do
    containers="$(service_containers "$service" --filter status=running)"
    if [[ -z "$containers" ]]; then
      flag "$service" "not running"
      continue
    fi
    for container in $containers; do
      started="$(docker inspect --format '{{.State.StartedAt}}' "$container")"
      started="$(( $(date +%s) - $(date -d "$started" +%s) ))"
      if [[ "$(health "$container")" == healthy ]]; then
        say "$service" "healthy, up $(age "$started") ($(short "$container"))"
      else
        flag "$service" "$(health "$container"), up $(age "$started") ($(short "$container"))"
      fi
    done
  done
  if (( $(serving_apps | wc -l) > 1 )); then
    flag app "more than one app container serves; a release or rollback was interrupted:" \
      "run bin/rollback.sh or bin/release.sh again"
  fi
}

show_releases() {
  printf '\nlast releases and rollbacks:\n'
  if [[ -s "$TT_STATE_DIR/history" ]]; then
    print_history "$1" | sed 's/^/  /'
  else
    say "" "none yet"
  fi
  if history_lines 1 | awk -F '\t' '$5 == "broken" { found = 1 } END { exit !found }'; then
    flag "last change" "failed and could not go back; see the logs in $TT_STATE_DIR/logs"
  fi
}

show_backup() {
  local newest
  local made
  local hours
  printf '\n'
  newest="$(backup_files | head -n 1)"
  if [[ -z "$newest" ]]; then
    flag backup "none in $TT_BACKUP_DIR (bin/backup.sh)"
    return 0
  fi
  made="${newest#timetracker-}"
  made="${made:0:4}-${made:4:2}-${made:6:2} ${made:9:2}:${made:11:2}:${made:13:2}"
  made="$(date -u -d "$made" +%s)"
  hours=$(( ($(date +%s) - made) / 3600 ))
  local text
  text="$newest, $(age $(( $(date +%s) - made ))) ago, $(du -h "$TT_BACKUP_DIR/$newest" | cut -f 1)"
  text+=", $([[ "$newest" == *.gpg ]] && echo encrypted || echo "not encrypted")"
  text+="; $(backup_files | wc -l) kept"
  if (( hours >= BACKUP_MAX_AGE_HOURS )); then
    flag backup "$text: older than $BACKUP_MAX_AGE_HOURS h"
  else
    say backup "$text"
  fi
}

show_disk() {
  local db
  local container
  local log_sizes=""
  local free
  printf '\ndisk:\n'
  docker system df --format '{{.Type}}|{{.Size}}|{{.Reclaimable}}' \
    | while IFS='|' read -r type size reclaimable; do
        say "${type,,}" "$size ($reclaimable reclaimable)"
      done
  say versions "$(known_versions | while read -r v; do images_exist "$v" && echo "$v"; done \
    | wc -l) versions' images kept (TT_KEEP_VERSIONS=$TT_KEEP_VERSIONS)"
  db="$(running_container db)"
  if [[ -n "$db" ]]; then
    say database "$(docker exec "$db" du -sh /var/lib/postgresql/data 2>/dev/null | cut -f 1)" \
      "in the data volume"
  fi
  for container in $(service_containers web) $(service_containers app) $(service_containers db); do
    log_sizes+="$(docker inspect --format '{{.Name}}' "$container" | tr -d /)"
    log_sizes+=" $(du -h "$(docker inspect --format '{{.LogPath}}' "$container")" 2>/dev/null \
      | cut -f 1 || echo "?"), "
  done
  say logs "${log_sizes%, } (at most 5 x 10 MB each; ? needs root)"
  say backups "$(du -sh "$TT_BACKUP_DIR" 2>/dev/null | cut -f 1 || echo 0) in $TT_BACKUP_DIR"
  free="$(df --output=pcent "$(docker info --format '{{.DockerRootDir}}')" \
    | tail -n 1 | tr -dc 0-9)"
  if (( 100 - free < MIN_FREE_PERCENT )); then
    flag free "$((100 - free)) % left on Docker's disk"
  else
    say free "$((100 - free)) % left on Docker's disk"
  fi
}

# show_secrets: the secrets' age, as bin/rotate-secrets.sh --status prints it, with its warning
# about a secret older than its rotation period.
show_secrets() {
  printf '\n'
  "$TT_CHECKOUT/bin/rotate-secrets.sh" --status || TT_ATTENTION=true
}

main() {
  local releases=5
  while (( $# > 0 )); do
    case "$1" in
      --releases) [[ "${2:-}" =~ ^[0-9]+$ ]] || usage_error "--releases needs a number"
        releases="$2"; shift ;;
      -h | --help) usage; exit 0 ;;
      *) usage_error "unknown argument '$1'" ;;
    esac
    shift
  done

  load_settings
  show_version
  show_services
  show_releases "$releases"
  show_backup
  show_disk
  show_secrets
  end_report
}

main "$@"
