#!/usr/bin/env bash
# Backs up timetracker's database while it runs: a consistent pg_dump in custom format, encrypted
# when a backup key exists, checked, thinned out by retention and copied off the server if
# configured. Prints the backup's path.
set -Eeuo pipefail

# shellcheck source=bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=bin/lib/deploy.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deploy.sh"
# shellcheck source=bin/lib/backups.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/backups.sh"

usage() {
  cat <<USAGE
Usage: bin/backup.sh [--reason TEXT] [--no-copy]
       bin/backup.sh --prune [--dry-run]

Dumps the running database with pg_dump (custom format, one consistent snapshot; the
application keeps running) into \$TT_BACKUP_DIR/timetracker-<UTC time>.dump and prints its
path. With a key file \$TT_SECRETS_DIR/\$TT_BACKUP_KEY (default backup.key) the dump is
encrypted with it (gpg, AES-256) as .dump.gpg. A .sha256 file goes beside it.

Then retention removes older backups: kept are the newest backup of each of the last
TT_KEEP_DAILY days (7), TT_KEEP_WEEKLY weeks (4) and TT_KEEP_MONTHLY months (6). Last,
TT_BACKUP_COPY_COMMAND, if set, copies it off the server: a shell command that gets the
backup's path as \$1, e.g. rsync -a "\$1" "\$1.sha256" backup@host:timetracker/

  --reason TEXT   why this backup was made, for the index (default: "manual")
  --no-copy       do not run TT_BACKUP_COPY_COMMAND this time
  --prune         only apply retention; with --dry-run, only list what it would remove
  -h, --help      this help

Settings come from \$TT_CONFIG (default /srv/timetracker/timetracker.conf).

$(print_exit_codes USAGE REFUSED NOT_COPIED)
USAGE
}

# take_backup_lock: one backup at a time (the daily timer and a release may meet).
take_backup_lock() {
  exec {TT_BACKUP_LOCK_FD}>>"$TT_BACKUP_DIR/.lock"
  flock --wait 900 "$TT_BACKUP_LOCK_FD" || die "another backup has run for 15 minutes; try later"
}

# dump_to FILE: pg_dump of the running database into FILE, encrypted when a key exists. pg_dump
# reads everything in one transaction, so the dump is consistent while the application writes.
dump_to() {
  local file="$1"
  if [[ -f "$(backup_key)" ]]; then
    compose exec -T db pg_dump --format=custom --verbose --username=postgres \
      --dbname=timetracker | encrypt "$(backup_key)" >"$file"
  else
    compose exec -T db pg_dump --format=custom --verbose --username=postgres \
      --dbname=timetracker >"$file"
  fi
}

# make_backup REASON: the dump, its checksum and its index line; prints the path.
make_backup() {
  local reason="$1"
  local name
  local partial
  local run_log_file
  name="timetracker-$(date -u +%Y%m%dT%H%M%SZ).dump"
  [[ -f "$(backup_key)" ]] && name+=".gpg"
  partial="$TT_BACKUP_DIR/.$name.partial"
  run_log_file="$(run_log backup)"

  # shellcheck disable=SC2064  # expand $partial now: the local is gone when the trap runs
  trap "rm -f '$partial'" EXIT
  step "dumping the database into $name" run_logged "dumping" "$run_log_file" dump_to "$partial" \
    || die "pg_dump failed; see $run_log_file"
  [[ -s "$partial" ]] || die "the dump is empty; see $run_log_file"
  mv "$partial" "$TT_BACKUP_DIR/$name"
  trap - EXIT
  (cd "$TT_BACKUP_DIR" && sha256sum "$name" >"$name.sha256")
  printf '%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$name" "$(stat -c %s "$TT_BACKUP_DIR/$name")" \
    "$reason" >>"$TT_BACKUP_DIR/index.tsv"
  log "backup $TT_BACKUP_DIR/$name: $(du -h "$TT_BACKUP_DIR/$name" | cut -f 1)," \
    "$([[ "$name" == *.gpg ]] && echo encrypted || echo "not encrypted (no key $(backup_key))")"
  printf '%s\n' "$TT_BACKUP_DIR/$name"
}

# prune DRY_RUN: applies retention.
prune() {
  local name
  while IFS= read -r name; do
    if [[ "$1" == true ]]; then
      printf 'would remove %s\n' "$name"
    else
      rm -f "$TT_BACKUP_DIR/$name" "$TT_BACKUP_DIR/$name.sha256"
      log "removed $name (retention)"
    fi
  done < <(backups_to_remove)
}

# copy_off_server FILE: runs TT_BACKUP_COPY_COMMAND with FILE as $1.
copy_off_server() {
  bash -c "$TT_BACKUP_COPY_COMMAND" copy-backup "$1"
}

main() {
  local reason="manual"
  local copy=true
  local prune_only=false
  local dry_run=false
  local file
  while (( $# > 0 )); do
    case "$1" in
      --reason) [[ -n "${2:-}" ]] || usage_error "--reason needs a text"; reason="$2"; shift ;;
      --no-copy) copy=false ;;
      --prune) prune_only=true ;;
      --dry-run) dry_run=true ;;
      -h | --help) usage; exit 0 ;;
      *) usage_error "unknown argument '$1'" ;;
    esac
    shift
  done
  [[ "$dry_run" == false || "$prune_only" == true ]] || usage_error "--dry-run goes with --prune"

  load_settings
  ensure_state_dir
  (umask 077 && mkdir -p "$TT_BACKUP_DIR") || refuse "cannot create $TT_BACKUP_DIR"
  if [[ "$prune_only" == true ]]; then
    prune "$dry_run"
    return 0
  fi
  [[ -n "$(running_container db)" ]] || refuse "the database container does not run;" \
    "start the stack first (docker compose --env-file $TT_CONFIG -f compose/prod.yml up -d db)"

  take_backup_lock
  file="$(umask 077 && make_backup "$reason")"
  printf '%s\n' "$file"
  prune false
  if [[ "$copy" == true && -n "$TT_BACKUP_COPY_COMMAND" ]]; then
    step "copying the backup off the server" copy_off_server "$file" \
      || TT_EXIT_CODE=$EXIT_NOT_COPIED die "TT_BACKUP_COPY_COMMAND failed; $file is kept here"
  fi
}

main "$@"
