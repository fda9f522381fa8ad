# shellcheck shell=bash
# What the operator's scripts share (release, rollback, backup, restore, status): the settings
# file, compose for the production stack, exit codes, the lock, the history, version names and
# images, health waits and progress. Source it after common.sh.

# Exit codes, the same in every operator script (print_exit_codes explains them).
readonly EXIT_USAGE=2
readonly EXIT_BUSY=3
readonly EXIT_REFUSED=4
readonly EXIT_ROLLED_BACK=5
readonly EXIT_BROKEN=6
readonly EXIT_NOT_COPIED=7
readonly EXIT_ATTENTION=8

# Reports (status.sh, rotate-secrets.sh --status) print a line per item, its label padded to
# TT_LABEL_WIDTH columns; a line that needs attention starts with "!" and makes the script end
# with EXIT_ATTENTION.
TT_LABEL_WIDTH=12
TT_ATTENTION=false

# say LABEL TEXT...: one line of the report.
say() {
  printf '  %-*s %s\n' "$TT_LABEL_WIDTH" "$1" "${*:2}"
}

# flag LABEL TEXT...: a line that needs attention.
flag() {
  printf '! %-*s %s\n' "$TT_LABEL_WIDTH" "$1" "${*:2}"
  TT_ATTENTION=true
}

# end_report: exits with EXIT_ATTENTION when a line was flagged.
end_report() {
  [[ "$TT_ATTENTION" == false ]] || exit "$EXIT_ATTENTION"
}

# The settings file: KEY=value lines, read by these scripts and, with --env-file, by compose.
TT_CONFIG="${TT_CONFIG:-/srv/timetracker/timetracker.conf}"

# Images of the three services; each version has a tag of its own.
readonly TT_SERVICES=(web app db)

# print_exit_codes NAME...: the part of a --help text that explains these exit codes (USAGE,
# BUSY, REFUSED, ROLLED_BACK, BROKEN, NOT_COPIED, ATTENTION); 0 and 1 are always there.
print_exit_codes() {
  local name
  printf 'Exit codes:\n  0  done\n  1  failed (the message says why)\n'
  for name in "$@"; do
    case "$name" in
      USAGE) printf '  %s  wrong arguments\n' "$EXIT_USAGE" ;;
      BUSY)
        printf '  %s  another release or rollback is running; nothing was changed\n' "$EXIT_BUSY" ;;
      REFUSED) printf '  %s  a precondition does not hold; nothing was changed\n' "$EXIT_REFUSED" ;;
      ROLLED_BACK)
        printf '  %s  failed, and the version that ran before serves again\n' "$EXIT_ROLLED_BACK" ;;
      BROKEN) printf '  %s  failed, and going back failed too: look now\n' "$EXIT_BROKEN" ;;
      NOT_COPIED)
        printf '  %s  the backup is made and kept here, but its off-server copy failed\n' \
          "$EXIT_NOT_COPIED" ;;
      ATTENTION) printf '  %s  something needs attention (marked with !)\n' "$EXIT_ATTENTION" ;;
    esac
  done
}

# refuse MESSAGE...: dies with EXIT_REFUSED (a precondition; nothing was changed).
refuse() {
  TT_EXIT_CODE=$EXIT_REFUSED die "$@"
}

# usage_error MESSAGE...: dies with EXIT_USAGE after pointing at --help.
usage_error() {
  TT_EXIT_CODE=$EXIT_USAGE die "$* (see --help)"
}

# read_settings FILE: takes each TT_* and COMPOSE_PROJECT_NAME line of FILE that the environment
# does not set already (as compose does: the environment wins). Values are taken literally; a
# value may be wrapped in single or double quotes; " #" starts a comment in an unquoted value.
read_settings() {
  local line
  local key
  local value
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ ^[[:space:]]*(TT_[A-Z0-9_]+|COMPOSE_PROJECT_NAME)=(.*)$ ]] || continue
    key="${BASH_REMATCH[1]}"
    value="${BASH_REMATCH[2]}"
    if [[ "$value" =~ ^\"(.*)\"[[:space:]]*$ || "$value" =~ ^\'(.*)\'[[:space:]]*$ ]]; then
      value="${BASH_REMATCH[1]}"
    else
      value="${value%%[[:space:]]#*}"
      value="${value%"${value##*[![:space:]]}"}"
    fi
    [[ -v "$key" ]] || printf -v "$key" '%s' "$value"
  done <"$1"
}

# load_settings: reads $TT_CONFIG and fills in the defaults. Everything compose's prod.yml reads
# is exported, so that compose and these scripts agree whatever the file leaves out.
load_settings() {
  [[ -f "$TT_CONFIG" ]] || refuse "no settings file $TT_CONFIG; bin/provision.sh writes one" \
    "from config/timetracker.conf.example, or point TT_CONFIG at yours"
  [[ -r "$TT_CONFIG" ]] || refuse "cannot read $TT_CONFIG as $(id -un)"
  read_settings "$TT_CONFIG"

  : "${TT_HOME:=/srv/timetracker}"
  : "${COMPOSE_PROJECT_NAME:=timetracker}"
  : "${TT_SECRETS_DIR:=$TT_HOME/secrets}"
  : "${TT_TLS_DIR:=$TT_HOME/tls}"
  : "${TT_ACME_DIR:=$TT_HOME/acme}"
  : "${TT_STATE_DIR:=$TT_HOME/state}"
  : "${TT_BACKUP_DIR:=$TT_HOME/backups}"
  : "${TT_BACKUP_KEY:=backup.key}"
  : "${TT_BACKUP_COPY_COMMAND:=}"
  : "${TT_KEEP_DAILY:=7}"
  : "${TT_KEEP_WEEKLY:=4}"
  : "${TT_KEEP_MONTHLY:=6}"
  : "${TT_KEEP_VERSIONS:=5}"
  : "${TT_HEALTH_TIMEOUT:=300}"
  : "${TT_BIND:=0.0.0.0}"
  : "${TT_HTTPS_PORT:=443}"
  # The tag the stack runs. Each release tags its images with their version and moves this tag
  # to them, so a plain `docker compose up -d` with this file always means the running version.
  : "${TT_VERSION:=live}"
  export COMPOSE_PROJECT_NAME TT_SECRETS_DIR TT_TLS_DIR TT_ACME_DIR TT_BIND TT_HTTPS_PORT \
    TT_VERSION

  require_number TT_KEEP_DAILY TT_KEEP_WEEKLY TT_KEEP_MONTHLY TT_KEEP_VERSIONS TT_HEALTH_TIMEOUT
  TT_CHECKOUT="$(repo_root)"
  TT_LIVE_TAG="$TT_VERSION"
}

# require_number NAME...: stops unless each named setting is a whole number.
require_number() {
  local name
  for name in "$@"; do
    [[ "${!name}" =~ ^[0-9]+$ ]] \
      || refuse "$name in $TT_CONFIG must be a whole number, not '${!name}'"
  done
}

# ensure_state_dir: the folder for the lock, the history and the run logs.
ensure_state_dir() {
  mkdir -p "$TT_STATE_DIR/logs" || refuse "cannot create $TT_STATE_DIR; create it for $(id -un)"
}

# compose ARGS...: docker compose for the production stack of this checkout, with the settings.
compose() {
  docker compose --project-name "$COMPOSE_PROJECT_NAME" --env-file "$TT_CONFIG" \
    --file "$TT_CHECKOUT/compose/prod.yml" "$@"
}

# ---- the lock

# take_lock ACTION [WAIT_SECONDS]: one release or rollback at a time. Without WAIT_SECONDS a
# second one stops at once with EXIT_BUSY and says who holds the lock. The lock goes with the
# process, however it ends.
take_lock() {
  local action="$1"
  local wait="${2:-}"
  local holder
  ensure_state_dir
  exec {TT_LOCK_FD}>>"$TT_STATE_DIR/lock"
  if [[ -n "$wait" ]]; then
    log "waiting up to $wait s for the running release or rollback to finish"
    flock --wait "$wait" "$TT_LOCK_FD" || holder="yes"
  else
    flock --nonblock "$TT_LOCK_FD" || holder="yes"
  fi
  if [[ -n "${holder:-}" ]]; then
    # The holder may have the lock but not written its name yet.
    sleep 1
    holder="$(cat "$TT_STATE_DIR/lock.holder" 2>/dev/null || true)"
    TT_EXIT_CODE=$EXIT_BUSY die "another release or rollback is running (${holder:-holder not" \
      "known});" "wait for it, or run again with --wait SECONDS"
  fi
  printf '%s of %s by %s, pid %s, since %s\n' "$action" "$COMPOSE_PROJECT_NAME" "$(who_runs)" \
    "$$" "$(date -u +%FT%TZ)" >"$TT_STATE_DIR/lock.holder.new"
  mv "$TT_STATE_DIR/lock.holder.new" "$TT_STATE_DIR/lock.holder"
  log "took the lock for this $action"
}

# who_runs: the person behind this run (the sudo caller where there is one).
who_runs() {
  printf '%s' "${SUDO_USER:-$(id -un)}"
}

# ---- history: one tab-separated line per release or rollback

# record_history ACTION FROM TO OUTCOME SECONDS: appends time, action, versions, outcome, who.
record_history() {
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$1" "${2:--}" "${3:--}" "$4" \
    "$(who_runs)" "$5" >>"$TT_STATE_DIR/history"
}

# history_lines [N]: the last N lines of the history (all without N), oldest first.
history_lines() {
  [[ -f "$TT_STATE_DIR/history" ]] || return 0
  if [[ -n "${1:-}" ]]; then
    tail -n "$1" "$TT_STATE_DIR/history"
  else
    cat "$TT_STATE_DIR/history"
  fi
}

# print_history [N]: the history as a table for people.
print_history() {
  history_lines "${1:-}" | awk -F '\t' '
    BEGIN { printf "%-20s  %-8s  %-20s  %-20s  %-11s  %-10s  %s\n",
            "time (UTC)", "action", "from", "to", "outcome", "by", "took" }
    { printf "%-20s  %-8s  %-20s  %-20s  %-11s  %-10s  %s s\n", $1, $2, $3, $4, $5, $6, $7 }'
}

# current_version: the version the stack runs, as the last successful change recorded it.
current_version() {
  history_lines | awk -F '\t' '$5 == "ok" { version = $4 } END { print version }'
}

# previous_version: the version that ran before the current one.
previous_version() {
  history_lines \
    | awk -F '\t' '$5 == "ok" { version = $3 } END { if (version != "-") print version }'
}

# known_versions: every version the history names, the most recently used first.
known_versions() {
  history_lines | awk -F '\t' '{ print $4; if ($3 != "-") print $3 }' | tac | awk '!seen[$0]++'
}

# ---- versions and images

# version_name: the checked-out commit's name: "<tag>-<short id>" when a tag points at it, else
# the short commit id. Only characters a Docker tag allows.
version_name() {
  local commit
  local tag
  commit="$(git -C "$TT_CHECKOUT" rev-parse --short=8 HEAD)"
  tag="$(git -C "$TT_CHECKOUT" tag --points-at HEAD --sort=-version:refname | head -n 1)"
  tag="$(printf '%s' "$tag" | tr -c 'A-Za-z0-9_.-' '-' | sed 's/^[.-]*//' | cut -c 1-100)"
  printf '%s' "${tag:+$tag-}$commit"
}

# image SERVICE TAG: the image name of a service at a tag.
image() {
  printf 'timetracker-%s:%s' "$1" "$2"
}

# image_id IMAGE: its id, or nothing when it is not here.
image_id() {
  docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true
}

# images_exist VERSION: true when all three images of VERSION are here.
images_exist() {
  local service
  for service in "${TT_SERVICES[@]}"; do
    [[ -n "$(image_id "$(image "$service" "$1")")" ]] || return 1
  done
}

# tag_live SERVICE IMAGE: points the running tag of SERVICE at IMAGE (a name or an id).
tag_live() {
  docker tag "$2" "$(image "$1" "$TT_LIVE_TAG")"
}

# prune_versions: removes the image tags of versions beyond the last TT_KEEP_VERSIONS the
# history names, never those of the running and the previous version. Only tags this history
# made are touched; layers go when their last tag goes.
prune_versions() {
  local keep=()
  local version
  local service
  local position=0
  keep+=("$(current_version)" "$(previous_version)")
  while IFS= read -r version; do
    position=$((position + 1))
    if (( position <= TT_KEEP_VERSIONS )) || [[ " ${keep[*]} " == *" $version "* ]]; then
      continue
    fi
    for service in "${TT_SERVICES[@]}"; do
      [[ -n "$(image_id "$(image "$service" "$version")")" ]] || continue
      if docker image rm "$(image "$service" "$version")" >/dev/null 2>&1; then
        log "removed image $(image "$service" "$version")"
      else
        warn "could not remove image $(image "$service" "$version") (still in use?)"
      fi
    done
  done < <(known_versions)
}

# ---- containers

# service_containers SERVICE [FILTER...]: ids of the project's containers of SERVICE.
service_containers() {
  local service="$1"
  shift
  docker ps --all --quiet --no-trunc \
    --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" \
    --filter "label=com.docker.compose.service=$service" "$@"
}

# running_container SERVICE: the id of one running container of SERVICE, or nothing.
running_container() {
  service_containers "$1" --filter status=running | head -n 1
}

# health CONTAINER: healthy, unhealthy, starting, or the state when it has stopped.
health() {
  local running='{{if .State.Health}}{{.State.Health.Status}}{{else}}running{{end}}'
  docker inspect --format \
    "{{if eq .State.Status \"running\"}}$running{{else}}{{.State.Status}}{{end}}" \
    "$1" 2>/dev/null || printf 'gone'
}

# await_healthy CONTAINER NAME TIMEOUT: polls the health check until it passes; fails when the
# container stops, reports unhealthy or TIMEOUT seconds pass. Says how it goes every 15 s.
await_healthy() {
  local container="$1"
  local name="$2"
  local timeout="$3"
  local started=$SECONDS
  local reported=$SECONDS
  local status
  while true; do
    status="$(health "$container")"
    case "$status" in
      healthy) return 0 ;;
      starting | running) ;;
      *) log "$name is $status"; return 1 ;;
    esac
    if (( SECONDS - started >= timeout )); then
      log "$name is not healthy after $timeout s (still $status)"
      return 1
    fi
    if (( SECONDS - reported >= 15 )); then
      log "  waiting for $name to become healthy: $((SECONDS - started)) s, $status"
      reported=$SECONDS
    fi
    sleep 1
  done
}

# show_diagnostics CONTAINER NAME: its last log lines and health check results, for the operator
# to see why it failed.
show_diagnostics() {
  local container="$1"
  local name="$2"
  {
    printf -- '---- %s: last 80 log lines\n' "$name"
    docker logs --tail 80 "$container" 2>&1 || true
    printf -- '---- %s: state %s; last health checks\n' "$name" "$(health "$container")"
    docker inspect --format '{{if .State.Health}}{{range .State.Health.Log}}
{{- .End}} exit {{.ExitCode}}: {{.Output}}{{println}}{{end}}{{end}}' "$container" 2>/dev/null \
      || true
    printf -- '---- end of %s\n' "$name"
  } >&2
}

# ---- progress

# run_logged LABEL LOG COMMAND...: runs COMMAND with its output appended to LOG. A long run says
# every 15 s that it still runs and what it printed last.
run_logged() {
  local label="$1"
  local log_file="$2"
  local pid
  local started=$SECONDS
  local reported=$SECONDS
  local status=0
  shift 2
  "$@" >>"$log_file" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS - reported >= 15 )); then
      log "  $label: $((SECONDS - started)) s, $(last_line "$log_file")"
      reported=$SECONDS
    fi
    sleep 1
  done
  wait "$pid" || status=$?
  if (( status != 0 )); then
    warn "$label failed; its last output (all of it in $log_file):"
    tail -n 30 "$log_file" >&2
  fi
  return "$status"
}

# last_line FILE: the last non-empty line of FILE, shortened to 100 characters.
last_line() {
  awk 'NF { line = $0 } END { print substr(line, 1, 100) }' "$1"
}

# run_log NAME: a new log file for this run in the state folder; keeps the last 30.
run_log() {
  local file
  file="$TT_STATE_DIR/logs/$(date -u +%Y%m%dT%H%M%SZ)-$1.log"
  : >"$file"
  find "$TT_STATE_DIR/logs" -name '*.log' -printf '%f\n' | sort -r | tail -n +31 \
    | sed "s|^|$TT_STATE_DIR/logs/|" | xargs -r rm -f
  printf '%s' "$file"
}
