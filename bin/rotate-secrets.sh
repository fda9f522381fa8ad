#!/usr/bin/env bash
# Rotates timetracker's secrets while it serves: the application's database credentials (two
# login roles taking turns, so no request fails), PostgreSQL's superuser password and the backup
# key (older keys are kept, so older backups stay readable). Shows the age of each secret.
set -Eeuo pipefail

# shellcheck source=bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=bin/lib/deploy.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deploy.sh"
# shellcheck source=bin/lib/backups.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/backups.sh"
# shellcheck source=bin/lib/rollout.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/rollout.sh"
# shellcheck source=bin/lib/secrets.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/secrets.sh"

# What can be rotated, in the order --all takes them.
readonly ROTATABLE=(db.password postgres.password backup.key)

# Secret names are longer than status.sh's labels.
TT_LABEL_WIDTH=18

usage() {
  cat <<USAGE
Usage: sudo bin/rotate-secrets.sh [--grace SECONDS] NAME...|--all
       bin/rotate-secrets.sh --status

Rotates each named secret of \$TT_SECRETS_DIR while timetracker serves, and records it in
\$TT_STATE_DIR/secret-history (name, time, who; never the value):

  db.password         the application's database login. The application has two login roles
                      and uses the one db.user names. The other gets a new password and may log
                      in; db.user and db.password name it; a new application container starts
                      with them beside the old one and takes over once healthy (no request
                      fails); then the old role may no longer log in and loses its password,
                      once its connections have closed (at most --grace seconds, default 60).
  postgres.password   PostgreSQL's superuser. It logs in only inside the database container;
                      the password matters for a new cluster made from a backup.
  backup.key          encrypts new backups. The old key stays as backup.key.<UTC time>, so
                      bin/restore.sh still opens older backups.
  --all               all three, in this order

admin.password is not rotated: it serves only while no account exists. Change the admin's
password in the application instead.

  --status            the age of each secret, with a line starting with "!" for each one
                      older than TT_SECRET_MAX_AGE_DAYS (default 90) or missing; exit 8 then
  --grace SECONDS     how long the old database role's connections may take to close
  -h, --help          this help

Rotating runs as root (the files go to the containers' users) and takes the release lock. After
an interrupted run, run it again: it starts from the role the serving container logs in with.
After a rotation, refresh the copy of the secrets kept off the server:
sudo bin/backup-secrets.sh. Procedure: docs/runbooks/secret-rotation.md.

Settings come from \$TT_CONFIG (default /srv/timetracker/timetracker.conf).

$(print_exit_codes USAGE BUSY REFUSED ATTENTION)
USAGE
}

# ---- the database

# require_database: the db container runs and answers.
require_database() {
  [[ -n "$(running_container db)" ]] || refuse "the database container does not run; start the" \
    "stack first (docker compose --env-file $TT_CONFIG -f compose/prod.yml up -d)"
}

# set_password ROLE VALUE: psql's \password computes the SCRAM verifier inside psql and sends only
# that, so the password itself reaches neither the server's logs nor any command line; it reads
# the new password twice from its standard input.
set_password() {
  local output
  if ! output="$(printf '%s\n%s\n' "$2" "$2" \
    | psql_db postgres --command "\\password $1" 2>&1)"; then
    warn "could not set the password of $1: $(printf '%s' "$output" | grep -v 'new password')"
    return 1
  fi
}

# sessions_of ROLE: how many connections ROLE has open.
sessions_of() {
  psql_db postgres --command "SELECT count(*) FROM pg_stat_activity WHERE usename = '$1'"
}

# enable_role ROLE VALUE: ROLE gets the password VALUE and may log in.
enable_role() {
  set_password "$1" "$2" && psql_db postgres --command "ALTER ROLE $1 LOGIN" >/dev/null
}

# disable_role ROLE: ROLE may no longer log in and has no password; its connections end.
disable_role() {
  psql_db postgres >/dev/null <<SQL
ALTER ROLE $1 NOLOGIN PASSWORD NULL;
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '$1';
SQL
}

# retire_role ROLE GRACE: waits up to GRACE seconds for ROLE's connections to close (the old
# application container closes its pool when it stops), then disables ROLE.
retire_role() {
  local started=$SECONDS
  local open
  while open="$(sessions_of "$1")" && (( open > 0 && SECONDS - started < $2 )); do
    sleep 1
  done
  (( open == 0 )) || warn "$1 still had $open connections after $2 s; ending them"
  disable_role "$1"
}

# ---- the application's database credentials

# keep_previous NAME: a hard link to the current file, to go back to if the switch fails.
keep_previous() {
  ln -f "$(secret_file "$1")" "$(secret_file ".$1.previous")"
}

# restore_previous NAME: the file kept by keep_previous takes its place again.
restore_previous() {
  mv -f "$(secret_file ".$1.previous")" "$(secret_file "$1")"
}

# drop_previous NAME: the kept file goes.
drop_previous() {
  rm -f "$(secret_file ".$1.previous")"
}

# role_in_use: the login role of the application container that serves, as it read db.user
# when it started: a running container keeps the file it mounted, a restarted one reads the file
# anew. db.user itself when none serves. After an interrupted rotation the two may differ, and
# the container is what counts.
role_in_use() {
  local container
  local role
  container="$(serving_apps | head -n 1)"
  if [[ -n "$container" ]]; then
    role="$(docker exec "$container" cat /run/secrets/db.user)" \
      || refuse "cannot read db.user in the application container $(short "$container")"
  else
    role="$(active_role)"
  fi
  [[ " ${APP_ROLES[*]} " == *" $role "* ]] \
    || refuse "the application logs in as '$role', not one of ${APP_ROLES[*]}; put one of them" \
      "into $(secret_file db.user)"
  printf '%s' "$role"
}

# rotate_db_credentials GRACE: the alternating roles, as the usage says.
rotate_db_credentials() {
  local grace="$1"
  local from
  local to
  local password
  local staged_user
  local staged_password
  require_database
  drop_previous db.user
  drop_previous db.password
  from="$(role_in_use)"
  to="$(other_role "$from")"
  [[ "$(active_role)" == "$from" ]] \
    || log "db.user names $(active_role), but the application still logs in as $from: an" \
      "earlier rotation did not finish; this one starts again from $from"
  log "db.password: the application logs in as $from; the new password goes to $to"

  password="$(random_secret)"
  staged_user="$(stage_secret db.user "$to")"
  staged_password="$(stage_secret db.password "$password")"
  if ! step "giving $to a new password and letting it log in" enable_role "$to" "$password"; then
    rm -f "$staged_user" "$staged_password"
    rotation_failed db.password "$to could not be prepared; nothing was changed"
  fi
  keep_previous db.user
  keep_previous db.password
  replace_secret db.user "$staged_user"
  replace_secret db.password "$staged_password"

  if [[ -z "$(serving_apps)" ]]; then
    log "no application container serves; the next one to start logs in as $to"
  elif ! replace_app smoke_test; then
    restore_previous db.user
    restore_previous db.password
    disable_role "$to" || warn "could not disable $to again; run: bin/rotate-secrets.sh --status"
    rotation_failed db.password "the application did not start with $to (its log is above);" \
      "it still runs as $from with the old password"
  fi
  step "disabling $from once its connections have closed" retire_role "$from" "$grace" \
    || warn "could not disable $from; it may still log in: run this rotation again"
  drop_previous db.user
  drop_previous db.password
  record_secret db.password rotated "login role $to"
  log "rotated db.password: the application logs in as $to; $from may no longer log in"
}

# ---- the superuser and the backup key

rotate_superuser_password() {
  local password
  local staged
  require_database
  password="$(random_secret)"
  staged="$(stage_secret postgres.password "$password")"
  if ! step "setting PostgreSQL's superuser password" set_password postgres "$password"; then
    rm -f "$staged"
    rotation_failed postgres.password "nothing was changed"
  fi
  replace_secret postgres.password "$staged"
  record_secret postgres.password rotated
  log "rotated postgres.password"
}

rotate_backup_key() {
  local kept
  local staged
  kept="backup.key.$(date -u +%Y%m%dT%H%M%SZ)"
  staged="$(stage_secret backup.key "$(random_secret)")"
  if [[ -e "$(secret_file backup.key)" ]]; then
    ln "$(secret_file backup.key)" "$(secret_file "$kept")"
  fi
  replace_secret backup.key "$staged"
  record_secret backup.key rotated "previous key kept as $kept"
  log "rotated backup.key: new backups use the new key; $kept still opens older ones"
}

# rotation_failed NAME REASON...: records the failure and stops.
rotation_failed() {
  local name="$1"
  shift
  record_secret "$name" failed "$*"
  die "rotating $name failed: $*"
}

# rotate NAME GRACE: one secret.
rotate() {
  case "$1" in
    db.password) rotate_db_credentials "$2" ;;
    postgres.password) rotate_superuser_password ;;
    backup.key) rotate_backup_key ;;
  esac
}

# ---- --status

# changed_at NAME: when NAME was last created or rotated (seconds since 1970): from the record,
# else from the file's modification time.
changed_at() {
  local change
  change="$(last_change "$1")"
  if [[ -n "$change" ]]; then
    date -u -d "${change%%$'\t'*}" +%s
  else
    stat -c %Y "$(secret_file "$1")"
  fi
}

# describe NAME: "rotated 2026-03-01 by root (note)" from the record, or the file's date.
describe() {
  local time
  local action
  local who
  local note
  IFS=$'\t' read -r time action who note < <(last_change "$1") || true
  if [[ -n "${time:-}" ]]; then
    printf '%s %s by %s%s' "$action" "${time%%T*}" "$who" "${note:+ ($note)}"
  else
    printf 'made %s (not recorded)' "$(date -u -d "@$(changed_at "$1")" +%F)"
  fi
}

# show_secret NAME MAX_DAYS: its age, flagged when missing, readable by others or too old.
show_secret() {
  local name="$1"
  local max_days="$2"
  local file
  local days
  file="$(secret_file "$name")"
  if [[ ! -e "$file" ]]; then
    flag "$name" "missing: sudo bin/init-secrets.sh creates it"
    return 0
  fi
  days=$(( ($(date +%s) - $(changed_at "$name")) / 86400 ))
  if world_readable "$file"; then
    flag "$name" "readable by every user: sudo bin/init-secrets.sh, then rotate it"
  elif [[ "$name" == admin.password ]]; then
    say "$name" "$days days, $(describe "$name"); used only while no account exists"
  elif (( days > max_days )); then
    flag "$name" "$days days old, older than $max_days: sudo bin/rotate-secrets.sh $name" \
      "($(describe "$name"))"
  else
    say "$name" "$days days, $(describe "$name")"
  fi
}

# show_status: every secret's age.
show_status() {
  local max_days="${TT_SECRET_MAX_AGE_DAYS:-90}"
  local name
  local earlier
  [[ "$max_days" =~ ^[0-9]+$ ]] || refuse "TT_SECRET_MAX_AGE_DAYS must be a number of days"
  if [[ ! -x "$TT_SECRETS_DIR" ]]; then
    flag secrets "cannot look into $TT_SECRETS_DIR as $(id -un); run as root or its owner"
    return 0
  fi
  printf 'secrets in %s (rotated every %s days at the latest):\n' "$TT_SECRETS_DIR" "$max_days"
  for name in "${ROTATABLE[@]}" admin.password; do
    show_secret "$name" "$max_days"
  done
  earlier="$(find "$TT_SECRETS_DIR" -maxdepth 1 -name 'backup.key.*' | wc -l)"
  (( earlier == 0 )) || say "" "$earlier earlier backup keys kept for older backups"
}

main() {
  local names=()
  local status=false
  local grace=60
  local name
  while (( $# > 0 )); do
    case "$1" in
      --status) status=true ;;
      --all) names+=("${ROTATABLE[@]}") ;;
      --grace) [[ "${2:-}" =~ ^[0-9]+$ ]] || usage_error "--grace needs a number of seconds"
        grace="$2"; shift ;;
      -h | --help) usage; exit 0 ;;
      admin.password) refuse "admin.password serves only while no account exists; change the" \
        "admin's password in the application (Settings) instead" ;;
      db.user) names+=(db.password) ;;
      db.password | postgres.password | backup.key) names+=("$1") ;;
      *) usage_error "unknown secret or option '$1'" ;;
    esac
    shift
  done

  load_settings
  if [[ "$status" == true ]]; then
    show_status
    end_report
    return 0
  fi
  (( ${#names[@]} > 0 )) || usage_error "name a secret to rotate, or --all"
  require_root "rotating secrets"
  require_private_dir
  take_lock "secret rotation"
  chown --reference="$TT_STATE_DIR" "$TT_STATE_DIR/lock" "$TT_STATE_DIR/lock.holder" || true
  clear_leftovers

  # Each secret once, in the order given.
  for name in $(printf '%s\n' "${names[@]}" | awk '!seen[$0]++'); do
    rotate "$name" "$grace"
  done
  log "done; the copy of the secrets kept off the server is out of date now:" \
    "sudo bin/backup-secrets.sh"
}

main "$@"
