#!/usr/bin/env bash
# Runs the development stack (compose/dev.yml): web UI and API on http://localhost:8080.
set -Eeuo pipefail

# shellcheck source=bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=bin/lib/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"
# shellcheck source=bin/lib/docker-engine.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/docker-engine.sh"

readonly ENV_FILE=".env"
readonly ENV_EXAMPLE="config/dev.env.example"
readonly COMPOSE_FILE="compose/dev.yml"
# compose/dev.yml names the project timetracker-dev.
readonly DB_VOLUME="timetracker-dev_db-data"

usage() {
  cat <<'USAGE'
Usage: bin/dev.sh COMMAND [ARGS...]

Runs timetracker's development stack: nginx, Payara Micro and PostgreSQL in Docker.

  up            build the images and start the stack; waits until it is healthy
  down          stop and remove the containers; the database volume is kept
                (down --volumes also deletes the data)
  logs [SVC]    follow the logs of all services, or of web, app or db
  ps            list the containers and their health
  -h, --help    this help

On first use, up creates .env from config/dev.env.example with random passwords; the first
admin signs in with ADMIN_EMAIL and ADMIN_PASSWORD from .env. Without a Docker engine, run as
root on Debian or Ubuntu, up installs and starts one.
USAGE
}

# compose ARGS...: docker compose for the development stack with the settings from .env.
compose() {
  docker compose --env-file "$ENV_FILE" -f "$COMPOSE_FILE" "$@"
}

# random_secret: 32 random characters from [A-Za-z0-9_-], no newline.
random_secret() {
  head -c 24 /dev/urandom | base64 | tr '+/' '-_'
}

# create_env_file: .env from the example, each "generate" value replaced by a random one.
# Written through a private temporary file, so that no other user can read it at any moment.
create_env_file() {
  local line
  local tmp
  tmp="$(umask 077 && mktemp "$ENV_FILE.XXXXXX")"
  # shellcheck disable=SC2064  # expand $tmp now: the local is gone when the trap runs
  trap "rm -f '$tmp'" RETURN
  while IFS= read -r line || [[ -n "$line" ]]; do
    if [[ "$line" =~ ^([A-Z_]+)=generate$ ]]; then
      line="${BASH_REMATCH[1]}=$(random_secret)"
    fi
    printf '%s\n' "$line"
  done <"$ENV_EXAMPLE" >"$tmp"
  mv "$tmp" "$ENV_FILE"
  log "created $ENV_FILE with random passwords (the admin's is ADMIN_PASSWORD there)"
}

# require_env_file: stops unless .env exists (down, logs and ps need its values).
require_env_file() {
  [[ -f "$ENV_FILE" ]] || die "no $ENV_FILE yet: start the stack with bin/dev.sh up first"
}

# env_value NAME: the value of NAME in .env.
env_value() {
  sed -n "s/^$1=//p" "$ENV_FILE" | tail -n 1
}

# refuse_orphaned_volume: stops when the database volume outlived the .env that holds its
# passwords; a new .env would not match them.
refuse_orphaned_volume() {
  if docker volume inspect "$DB_VOLUME" >/dev/null 2>&1; then
    die "the database volume $DB_VOLUME was made with the passwords of an earlier $ENV_FILE," \
      "which is gone; restore that file, or delete the data: docker volume rm $DB_VOLUME"
  fi
}

up() {
  ensure_docker
  if [[ ! -f "$ENV_FILE" ]]; then
    refuse_orphaned_volume
    create_env_file
  fi
  step "built the images" compose build --quiet
  step "started the stack and waited until it is healthy" \
    compose --progress quiet up --detach --wait --wait-timeout 300 --remove-orphans
  log "timetracker runs at http://localhost:$(env_value TT_DEV_PORT)" \
    "(sign in as $(env_value ADMIN_EMAIL) with ADMIN_PASSWORD from $ENV_FILE)"
}

main() {
  local command="${1:-}"
  (( $# > 0 )) && shift
  cd "$(repo_root)"
  case "$command" in
    up) up ;;
    down) require_env_file; compose down "$@" ;;
    logs) require_env_file; compose logs --follow "$@" ;;
    ps) require_env_file; compose ps "$@" ;;
    -h | --help) usage ;;
    "") usage >&2; exit 2 ;;
    *) usage >&2; die "unknown command '$command'" ;;
  esac
}

main "$@"
