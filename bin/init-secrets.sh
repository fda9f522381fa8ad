#!/usr/bin/env bash
# Creates the production secrets of timetracker once, from the kernel's random source, as files
# that only the container reading each one can read. Never overwrites a secret and never prints
# one, except the first admin's password when asked.
set -Eeuo pipefail

# shellcheck source=bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=bin/lib/deploy.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deploy.sh"
# shellcheck source=bin/lib/secrets.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/secrets.sh"

usage() {
  cat <<USAGE
Usage: sudo bin/init-secrets.sh [--show-admin-password]
       bin/init-secrets.sh --check

Creates each secret that is missing in \$TT_SECRETS_DIR (default /srv/timetracker/secrets):

  postgres.password   PostgreSQL's superuser                          10003:10003 0400
  db.user             the application's login role (timetracker_app_a) 10002:10003 0440
  db.password         that role's password                            10002:10003 0440
  admin.password      the first admin's, used while no account exists 10002:10002 0400
  backup.key          encrypts the database backups              directory's owner 0400

Each is 256 random bits from /dev/urandom (43 characters), with no trailing newline, owned by
the user of the container that reads it (web 10001, app 10002, db 10003). A secret that exists
is never changed; a wrong owner or mode is corrected and reported. The directory is created
with mode 0700 when missing (owned like its parent folder); one that others may read is
refused. Nothing secret is printed, and each secret made is recorded in
\$TT_STATE_DIR/secret-history (name, time, who; never the value).

  --show-admin-password   print the first admin's password on stdout when it is created now,
                          to sign in with once and then change; it is not shown again
  --check                 change nothing; report every missing, empty, misowned or
                          readable secret and every trailing newline; exit 8 if any
  -h, --help              this help

Runs as root, since the files go to the containers' users. Settings come from \$TT_CONFIG
(default /srv/timetracker/timetracker.conf).

$(print_exit_codes USAGE REFUSED ATTENTION)
USAGE
}

# create_dir: the secrets directory, private, owned like the folder it is in (the installation's
# owner, who runs the backups).
create_dir() {
  local parent
  parent="$(dirname "$TT_SECRETS_DIR")"
  [[ -d "$parent" ]] || refuse "no folder $parent for the secrets; run bin/provision.sh first"
  install -d -m 0700 -o "$(stat -c %u "$parent")" -g "$(stat -c %g "$parent")" "$TT_SECRETS_DIR"
  log "created the secrets directory $TT_SECRETS_DIR (0700)"
}

# make_secret NAME: creates the missing secret NAME and records it.
make_secret() {
  local name="$1"
  create_secret "$name" "$(new_value "$name")" \
    || die "could not create $(secret_file "$name"); nothing was overwritten"
  record_secret "$name" created
  log "created $name"
}

# correct_access NAME: gives an existing secret its owner and mode, saying so. A file that every
# user could read may have been read: that is worth a warning, not only a fix.
correct_access() {
  local name="$1"
  local file
  file="$(secret_file "$name")"
  if world_readable "$file"; then
    warn "$name was readable by every user; consider rotating it" \
      "(docs/runbooks/secret-rotation.md)"
  fi
  if [[ "$(stat -c '%u:%g' "$file")" != "$(secret_owner "$name")" ]]; then
    chown "$(secret_owner "$name")" "$file"
    log "gave $name to $(secret_owner "$name")"
  fi
  if [[ "$(mode_of "$file")" != "$(secret_mode "$name" | sed 's/^0//')" ]]; then
    chmod "$(secret_mode "$name")" "$file"
    log "set the mode of $name to $(secret_mode "$name")"
  fi
}

# check_all: reports every problem; true when there is none.
check_all() {
  local problems
  local line
  require_private_dir
  problems="$(all_secret_problems)"
  if [[ -n "$problems" ]]; then
    while IFS= read -r line; do
      warn "$line"
    done <<<"$problems"
    return 1
  fi
  log "every secret in $TT_SECRETS_DIR is present, private and owned by its reader"
}

# show_admin_password: the first admin's password on stdout, the only secret ever printed.
show_admin_password() {
  log "the first admin's password follows; sign in with it as TT_ADMIN_EMAIL and change it"
  printf '%s\n' "$(read_secret admin.password)"
}

main() {
  local check=false
  local show_admin=false
  local name
  local created=0
  while (( $# > 0 )); do
    case "$1" in
      --check) check=true ;;
      --show-admin-password) show_admin=true ;;
      -h | --help) usage; exit 0 ;;
      *) usage_error "unknown argument '$1'" ;;
    esac
    shift
  done

  load_settings
  if [[ "$check" == true ]]; then
    check_all || exit "$EXIT_ATTENTION"
    return 0
  fi
  require_root "creating secrets for the containers' users"
  [[ -e "$TT_SECRETS_DIR" ]] || create_dir
  require_private_dir

  for name in "${SECRET_NAMES[@]}"; do
    if [[ -e "$(secret_file "$name")" ]]; then
      correct_access "$name"
      [[ "$name" != admin.password || "$show_admin" == false ]] \
        || log "admin.password exists already; it is shown only when it is created"
      continue
    fi
    make_secret "$name"
    created=$((created + 1))
    [[ "$name" != admin.password || "$show_admin" == false ]] || show_admin_password
  done

  if (( created == 0 )); then
    log "every secret exists already; nothing was created"
  else
    log "created $created of ${#SECRET_NAMES[@]} secrets in $TT_SECRETS_DIR; keep a copy off" \
      "the server:" \
"sudo bin/backup-secrets.sh"
  fi
}

main "$@"
