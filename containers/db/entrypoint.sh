#!/usr/bin/env bash
# Starts PostgreSQL; on the first start (empty data folder) creates the cluster, the roles and the
# database first. Passwords come from secret files in $SECRETS_DIR (production) or, where a file
# is missing, from environment variables (development's .env). A secret file that every user may
# read stops the start at once, as PostgreSQL does with a private key others can read.
#
# Roles made at first start:
#   postgres             superuser, password from postgres.password / POSTGRES_PASSWORD
#   timetracker_owner    NOLOGIN; owns the database and, through migrations, every table
#   timetracker_app_a    the application's two login roles, members of the owner. The one that
#   timetracker_app_b    db.user names (default: _a) gets LOGIN and the password from
#                        db.password / DB_PASSWORD; the other stays NOLOGIN until a credential
#                        rotation (bin/rotate-secrets.sh) turns it on.
set -Eeuo pipefail

SECRETS_DIR="${SECRETS_DIR:-/run/secrets}"
readonly APP_ROLES=(timetracker_app_a timetracker_app_b)

log() {
  printf 'db-entrypoint: %s\n' "$*" >&2
}

die() {
  printf 'db-entrypoint: error: %s\n' "$*" >&2
  exit 1
}

# secret FILE_NAME ENV_NAME: prints the secret without trailing newlines, or dies naming both
# places it looked.
secret() {
  local file="$SECRETS_DIR/$1"
  local value
  if [[ -e "$file" ]]; then
    [[ -r "$file" ]] || die "$file is not readable by uid $(id -u); give it to that user (mode 0400)"
    value="$(<"$file")"
  else
    value="${!2:-}"
  fi
  [[ -n "$value" ]] || die "no $1: provide the secret file $file or the variable $2"
  printf '%s' "$value"
}

# check_secret_files: refuses to start with a secret file that every user may read.
check_secret_files() {
  local file
  for file in "$SECRETS_DIR"/*; do
    [[ -f "$file" ]] || continue
    if (( 8#$(stat -c %a "$file") & 8#004 )); then
      die "$file is readable by every user (mode $(stat -c %a "$file")); on the host, make it" \
        "private (bin/init-secrets.sh sets owner and mode) and rotate it, since others may have" \
        "read it (docs/runbooks/secret-rotation.md)"
    fi
  done
}

# login_role: the application role that logs in: db.user, else the first one.
login_role() {
  local role="${APP_ROLES[0]}"
  if [[ -e "$SECRETS_DIR/db.user" ]]; then
    role="$(secret db.user DB_USER)"
  fi
  [[ " ${APP_ROLES[*]} " == *" $role "* ]] \
    || die "db.user names '$role'; it must be one of ${APP_ROLES[*]}"
  printf '%s' "$role"
}

# init_cluster: initdb with the superuser's password, UTF-8 and the built-in C.UTF-8 collation,
# which does not change with the C library.
init_cluster() {
  local password
  password="$(secret postgres.password POSTGRES_PASSWORD)"
  log "first start: creating the cluster in $PGDATA"
  initdb --pgdata="$PGDATA" --username=postgres --pwfile=<(printf '%s\n' "$password") \
    --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8 \
    --locale-provider=builtin --builtin-locale=C.UTF-8 >/dev/null
}

# create_roles: roles and database, through a server that listens meanwhile only on a socket in
# /tmp, where neither the application nor the health check looks. The password goes through
# psql's environment and \getenv, never through a command line.
create_roles() {
  local password
  local role
  password="$(secret db.password DB_PASSWORD)"
  role="$(login_role)"
  pg_ctl --pgdata="$PGDATA" --wait --silent --options="-c config_file=/etc/timetracker/postgresql.conf \
    -c listen_addresses='' -c unix_socket_directories=/tmp" start
  TT_APP_PASSWORD="$password" psql --no-psqlrc --quiet --set=ON_ERROR_STOP=1 \
    --set=login_role="$role" --host=/tmp --username=postgres --dbname=postgres <<'SQL'
\getenv app_password TT_APP_PASSWORD
CREATE ROLE timetracker_owner NOLOGIN;
CREATE DATABASE timetracker OWNER timetracker_owner;
REVOKE ALL ON DATABASE timetracker FROM PUBLIC;
CREATE ROLE timetracker_app_a NOLOGIN IN ROLE timetracker_owner;
CREATE ROLE timetracker_app_b NOLOGIN IN ROLE timetracker_owner;
ALTER ROLE :"login_role" LOGIN PASSWORD :'app_password';
SQL
  pg_ctl --pgdata="$PGDATA" --wait --silent --mode=fast stop
  log "created database timetracker with roles timetracker_owner, timetracker_app_a and" \
    "timetracker_app_b; $role logs in"
}

main() {
  check_secret_files
  if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
    init_cluster
    create_roles
  fi
  exec "$@"
}

main "$@"
