# shellcheck shell=bash
# Backup files: names, encryption, checksums, retention and what a dump holds. Source it after
# common.sh and deploy.sh, with the settings loaded.
#
# A backup is $TT_BACKUP_DIR/timetracker-YYYYMMDDTHHMMSSZ.dump, pg_dump's custom format, or
# .dump.gpg when it is encrypted, with a .sha256 file beside it. The time in the name (UTC) is
# what retention goes by. index.tsv lists every backup made: time, file, bytes, reason.

# psql_db DATABASE ARGS...: psql as the superuser inside the db container, over its socket.
psql_db() {
  local database="$1"
  shift
  compose exec -T db psql --no-psqlrc --quiet --tuples-only --no-align --set ON_ERROR_STOP=1 \
    --username=postgres --dbname="$database" "$@"
}

# table_counts DATABASE: "schema.table rows" for each table of DATABASE, sorted, exact.
table_counts() {
  psql_db "$1" --field-separator ' ' <<'SQL'
SELECT schemaname || '.' || relname,
       (xpath('/row/n/text()', query_to_xml(
          format('SELECT count(*) AS n FROM %I.%I', schemaname, relname), false, true, '')))[1]
FROM pg_stat_user_tables
ORDER BY 1;
SQL
}

# data_rows DATABASE: how many rows DATABASE holds beyond the schema's own history.
data_rows() {
  table_counts "$1" | awk '$1 !~ /\.flyway_schema_history$/ { n += $2 } END { print n + 0 }'
}

# dump_counts FILE: "schema.table rows" for each table in the plain dump FILE, sorted.
dump_counts() {
  compose exec -T db pg_restore --data-only --file=- <"$1" | awk '
    /^COPY / { table = $2; rows = 0; inside = 1; next }
    inside && $0 == "\\." { print table, rows; inside = 0; next }
    inside { rows++ }' | sort
}

# backup_key: the current key file; encryption is on while it exists.
backup_key() {
  printf '%s' "$TT_SECRETS_DIR/$TT_BACKUP_KEY"
}

# key_files: every key that may open a backup: the current one, then older ones kept beside it
# as $TT_BACKUP_KEY.* (a key rotation keeps them), newest first.
key_files() {
  local key
  key="$(backup_key)"
  [[ -f "$key" ]] && printf '%s\n' "$key"
  find "$TT_SECRETS_DIR" -maxdepth 1 -type f -name "$TT_BACKUP_KEY.*" -printf '%T@ %p\n' \
    2>/dev/null | sort -rn | cut -d ' ' -f 2-
}

# with_gpg ARGS...: gpg in batch mode with a throw-away home, so it touches nothing of the user's.
with_gpg() {
  local home
  local status=0
  have gpg || refuse "gpg is needed for encrypted backups; install it (apt-get install gpg)"
  home="$(mktemp -d)"
  gpg --homedir "$home" --batch --quiet --yes --pinentry-mode loopback "$@" || status=$?
  rm -rf "$home"
  return "$status"
}

# encrypt KEY_FILE: encrypts stdin to stdout with the passphrase in KEY_FILE (AES-256).
encrypt() {
  with_gpg --passphrase-file "$1" --symmetric --cipher-algo AES256 --output -
}

# decrypt FILE OUT: decrypts FILE into OUT with the first key that opens it.
decrypt() {
  local key
  while IFS= read -r key; do
    if with_gpg --passphrase-file "$key" --decrypt --output "$2" "$1" 2>/dev/null; then
      log "decrypted with $(basename "$key")"
      return 0
    fi
  done < <(key_files)
  refuse "no key in $TT_SECRETS_DIR ($TT_BACKUP_KEY or $TT_BACKUP_KEY.*) opens $1"
}

# verify_checksum FILE: checks FILE against FILE.sha256 when there is one.
verify_checksum() {
  if [[ ! -f "$1.sha256" ]]; then
    warn "no $1.sha256 beside the backup; its integrity is not checked"
    return 0
  fi
  (cd "$(dirname "$1")" && sha256sum --check --status "$(basename "$1").sha256") \
    || refuse "$1 does not match its checksum in $1.sha256: the file is damaged"
}

# backup_files: the backups in TT_BACKUP_DIR, newest first.
backup_files() {
  [[ -d "$TT_BACKUP_DIR" ]] || return 0
  find "$TT_BACKUP_DIR" -maxdepth 1 -type f \
    \( -name 'timetracker-*.dump' -o -name 'timetracker-*.dump.gpg' \) -printf '%f\n' 2>/dev/null \
    | { grep -E '^timetracker-[0-9]{8}T[0-9]{6}Z\.dump(\.gpg)?$' || true; } | sort -r
}

# backups_to_remove: the backups retention lets go: each one that is not the newest of one of
# the last TT_KEEP_DAILY days, TT_KEEP_WEEKLY ISO weeks or TT_KEEP_MONTHLY months that have
# backups. The newest backup always stays.
backups_to_remove() {
  local name
  local stamp
  local keep
  local -A days=()
  local -A weeks=()
  local -A months=()
  local first=true
  while IFS= read -r name; do
    stamp="${name#timetracker-}"
    keep=$first
    first=false
    if (( ${#days[@]} < TT_KEEP_DAILY )) && [[ -z "${days[${stamp:0:8}]:-}" ]]; then
      days[${stamp:0:8}]=1
      keep=true
    fi
    if (( ${#weeks[@]} < TT_KEEP_WEEKLY )) && [[ -z "${weeks[$(iso_week "$stamp")]:-}" ]]; then
      weeks[$(iso_week "$stamp")]=1
      keep=true
    fi
    if (( ${#months[@]} < TT_KEEP_MONTHLY )) && [[ -z "${months[${stamp:0:6}]:-}" ]]; then
      months[${stamp:0:6}]=1
      keep=true
    fi
    [[ "$keep" == true ]] || printf '%s\n' "$name"
  done < <(backup_files)
}

# iso_week STAMP: the ISO week (2026-W49) of a YYYYMMDD... stamp.
iso_week() {
  date -u -d "${1:0:4}-${1:4:2}-${1:6:2}" +%G-W%V
}
