#!/usr/bin/env bash
# Restores a backup made by bin/backup.sh into a fresh database, checks that every table has as
# many rows as the backup, and only then puts it in place of the current one.
set -Eeuo pipefail

# shellcheck source=bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=bin/lib/deploy.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deploy.sh"
# shellcheck source=bin/lib/backups.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/backups.sh"
# shellcheck source=bin/lib/rollout.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/rollout.sh"

readonly RESTORING_DB="timetracker_restoring"

usage() {
  cat <<USAGE
Usage: bin/restore.sh [--force] FILE

Restores FILE (timetracker-*.dump or .dump.gpg, from bin/backup.sh) into timetracker's
database:

  1. checks FILE against its .sha256 and decrypts it (any key in the secrets folder that fits)
  2. starts the database container if it does not run (an empty volume gets a new cluster)
  3. refuses when the database holds data, unless --force
  4. restores into a fresh database beside the current one, in one transaction, and compares
     the row count of every table with the backup's
  5. stops the application, puts the restored database in place (with --force the one it
     replaces is kept as timetracker_before_restore_<time>), starts the stack and smoke-tests
     it through nginx

Takes the release lock: no release or rollback runs meanwhile. The application is down from
step 5 until it is healthy again (about a minute).

  --force      replace a database that holds data (it is kept under another name)
  -h, --help   this help

Settings come from \$TT_CONFIG (default /srv/timetracker/timetracker.conf).

$(print_exit_codes USAGE BUSY REFUSED)
USAGE
}

# plain_dump FILE WORK: prints the path of FILE's unencrypted dump, decrypting into WORK.
plain_dump() {
  if [[ "$1" == *.gpg ]]; then
    decrypt "$1" "$2/restore.dump"
    printf '%s' "$2/restore.dump"
  else
    printf '%s' "$1"
  fi
}

# ensure_database: the db container runs and is healthy.
ensure_database() {
  compose --progress quiet up --detach --wait --wait-timeout "$TT_HEALTH_TIMEOUT" db
}

# restore_into DUMP: a fresh $RESTORING_DB, as the entrypoint makes timetracker, with the dump.
restore_into() {
  psql_db postgres <<SQL
DROP DATABASE IF EXISTS $RESTORING_DB;
CREATE DATABASE $RESTORING_DB OWNER timetracker_owner;
REVOKE ALL ON DATABASE $RESTORING_DB FROM PUBLIC;
SQL
  compose exec -T db pg_restore --username=postgres --dbname="$RESTORING_DB" --exit-on-error \
    --single-transaction --verbose <"$1"
}

# compare_counts DUMP: the restored tables have exactly the dump's rows.
compare_counts() {
  local expected
  local actual
  expected="$(dump_counts "$1")"
  actual="$(table_counts "$RESTORING_DB")"
  if [[ "$expected" != "$actual" ]]; then
    warn "row counts differ (backup | restored):"
    diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") >&2 || true
    return 1
  fi
  printf '%s\n' "$expected" | awk '{ printf "  %-40s %8d rows\n", $1, $2 }' >&2
}

# put_in_place KEEP_AS: the restored database becomes timetracker; the current one is renamed
# to KEEP_AS, or dropped when KEEP_AS is empty. The application must be stopped.
put_in_place() {
  local replaced
  if [[ -n "$1" ]]; then
    replaced="ALTER DATABASE timetracker RENAME TO $1;"
  else
    replaced="DROP DATABASE IF EXISTS timetracker;"
  fi
  psql_db postgres <<SQL
SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = 'timetracker';
$replaced
ALTER DATABASE $RESTORING_DB RENAME TO timetracker;
SQL
}

# stop_app: stops every app container (compose's stop, with its grace period).
stop_app() {
  compose --progress quiet stop app
}

# start_stack: everything up and healthy.
start_stack() {
  compose --progress quiet up --detach --wait --wait-timeout "$TT_HEALTH_TIMEOUT"
}

main() {
  local force=false
  local file=""
  local work
  local dump
  local rows
  local keep_as=""
  while (( $# > 0 )); do
    case "$1" in
      --force) force=true ;;
      -h | --help) usage; exit 0 ;;
      -*) usage_error "unknown option '$1'" ;;
      *) [[ -z "$file" ]] || usage_error "one FILE at most"; file="$1" ;;
    esac
    shift
  done
  [[ -n "$file" ]] || usage_error "name the backup FILE to restore"
  [[ -f "$file" ]] || refuse "no file $file"
  file="$(realpath "$file")"

  load_settings
  take_lock restore
  images_exist "$TT_LIVE_TAG" || refuse "no images tagged $TT_LIVE_TAG here: release a version" \
    "first (bin/release.sh), then restore with --force"
  (umask 077 && mkdir -p "$TT_BACKUP_DIR") || refuse "cannot create $TT_BACKUP_DIR"
  work="$(umask 077 && mktemp -d "$TT_BACKUP_DIR/.restore.XXXXXX")"
  # shellcheck disable=SC2064  # expand $work now
  trap "rm -rf '$work'" EXIT
  step "checking $(basename "$file") against its checksum" verify_checksum "$file"
  dump="$(plain_dump "$file" "$work")"
  step "starting the database container" ensure_database \
    || die "the database container did not start"

  rows="$(data_rows timetracker)"
  if (( rows > 0 )); then
    [[ "$force" == true ]] || refuse "the database holds $rows rows; restoring would replace" \
      "them. Run again with --force (the current database is kept under another name)"
    keep_as="timetracker_before_restore_$(date -u +%Y%m%d%H%M%S)"
  fi

  step "restoring the backup into a fresh database" run_logged "restoring" \
    "$(run_log restore)" restore_into "$dump" || die "pg_restore failed; nothing was replaced"
  step "comparing the row count of every table with the backup" compare_counts "$dump" \
    || die "the restored database differs from the backup; nothing was replaced"
  step "stopping the application" stop_app
  step "putting the restored database in place" put_in_place "$keep_as" >/dev/null
  [[ -z "$keep_as" ]] || log "the database it replaced is kept as $keep_as; drop it when sure:" \
    "docker compose ... exec db psql -U postgres -c 'DROP DATABASE $keep_as'"
  step "starting the stack and waiting until every service is healthy" start_stack \
    || die "the stack did not become healthy after the restore; see bin/status.sh"
  step "smoke test through nginx" smoke_test || die "the smoke test failed after the restore"
  log "restored $(basename "$file")"
}

main "$@"
