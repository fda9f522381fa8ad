# shellcheck shell=bash
# The production secrets: which files there are, who owns them, how they are made, written,
# checked and recorded. Source it after common.sh and deploy.sh, with the settings loaded.
#
# Each secret is one file in $TT_SECRETS_DIR without a trailing newline, owned by the user of the
# container that reads it (docs/containers.md). Compose mounts it as /run/secrets/<name>; it
# cannot set owners or modes of file secrets without Swarm, so the files on the host carry them.
# A value is only ever held in a shell variable and written with printf, a shell builtin: it is
# never an argument of a program, where the process list would show it.

# The secrets of a production stack, in the order they are made and shown.
readonly SECRET_NAMES=(postgres.password db.user db.password admin.password backup.key)

# The two login roles of the application; db.user names the one in use.
readonly APP_ROLES=(timetracker_app_a timetracker_app_b)

# Who reads what: uid:gid and mode. db 10003, app 10002 (fixed in the images); the backup key is
# read on the host by bin/backup.sh and bin/restore.sh, as the owner of the secrets directory.
secret_owner() {
  case "$1" in
    postgres.password) printf '10003:10003' ;;
    db.user | db.password) printf '10002:10003' ;;
    admin.password) printf '10002:10002' ;;
    backup.key*) stat -c '%u:%g' "$TT_SECRETS_DIR" ;;
  esac
}

secret_mode() {
  case "$1" in
    db.user | db.password) printf '0440' ;;
    *) printf '0400' ;;
  esac
}

# secret_file NAME: the path of a secret.
secret_file() {
  printf '%s/%s' "$TT_SECRETS_DIR" "$1"
}

# random_secret: 43 characters from [A-Za-z0-9_-]: 256 bits from the kernel's random source,
# without characters that need quoting in a URL, a shell or a configuration file.
random_secret() {
  head -c 32 /dev/urandom | base64 -w 0 | tr '+/' '-_' | tr -d '='
}

# new_value NAME: the first value of a secret.
new_value() {
  case "$1" in
    db.user) printf '%s' "${APP_ROLES[0]}" ;;
    *) random_secret ;;
  esac
}

# stage_secret NAME VALUE: writes VALUE into a hidden file beside NAME, with NAME's owner and mode,
# and prints its path. Made with umask 077, so that no one else can read it at any moment.
stage_secret() {
  local name="$1"
  local staged
  staged="$(umask 077 && mktemp "$TT_SECRETS_DIR/.$name.XXXXXX")"
  printf '%s' "$2" >"$staged"
  chown "$(secret_owner "$name")" "$staged"
  chmod "$(secret_mode "$name")" "$staged"
  printf '%s' "$staged"
}

# create_secret NAME VALUE: NAME with VALUE, only if NAME does not exist. The hard link fails
# when it does, so not even a second run at the same moment overwrites a secret.
create_secret() {
  local staged
  local status=0
  staged="$(stage_secret "$1" "$2")"
  ln "$staged" "$(secret_file "$1")" 2>/dev/null || status=$?
  rm -f "$staged"
  return "$status"
}

# replace_secret NAME STAGED: puts the staged file in place of NAME in one rename. A container
# that runs keeps the file it mounted; the next container gets the new one.
replace_secret() {
  mv -f "$2" "$(secret_file "$1")"
}

# read_secret NAME: the value of a secret, without trailing newlines.
read_secret() {
  local value
  value="$(<"$(secret_file "$1")")"
  printf '%s' "$value"
}

# active_role: the login role the application uses now.
active_role() {
  if [[ -f "$(secret_file db.user)" ]]; then
    read_secret db.user
  else
    printf '%s' "${APP_ROLES[0]}"
  fi
}

# other_role ROLE: the application's other login role.
other_role() {
  if [[ "$1" == "${APP_ROLES[0]}" ]]; then
    printf '%s' "${APP_ROLES[1]}"
  else
    printf '%s' "${APP_ROLES[0]}"
  fi
}

# ---- checks

# mode_of PATH: the permission bits, as octal digits (e.g. 400).
mode_of() {
  stat -c '%a' "$1"
}

# open_to_others PATH: true when group or others have any permission on PATH.
open_to_others() {
  (( 8#$(mode_of "$1") & 8#077 ))
}

# world_readable PATH: true when every user may read PATH.
world_readable() {
  (( 8#$(mode_of "$1") & 8#004 ))
}

# require_private_dir: refuses a secrets directory that others can enter or read.
require_private_dir() {
  [[ -d "$TT_SECRETS_DIR" ]] || refuse "no secrets directory $TT_SECRETS_DIR;" \
    "bin/init-secrets.sh creates it and the secrets"
  if open_to_others "$TT_SECRETS_DIR"; then
    refuse "the secrets directory $TT_SECRETS_DIR has mode $(mode_of "$TT_SECRETS_DIR"): others" \
      "may read it. Make it private (chmod 0700 $TT_SECRETS_DIR), think about who could have" \
      "read the secrets, and rotate them if in doubt (docs/runbooks/secret-rotation.md)"
  fi
}

# secret_problems NAME: prints what is wrong with a secret file, one line each; nothing when it
# is as it should be.
secret_problems() {
  local name="$1"
  local file
  local owner
  file="$(secret_file "$name")"
  if [[ ! -e "$file" ]]; then
    printf '%s is missing: bin/init-secrets.sh creates it\n' "$name"
    return 0
  fi
  [[ -f "$file" ]] || { printf '%s is not a plain file\n' "$name"; return 0; }
  [[ -s "$file" ]] || printf '%s is empty\n' "$name"
  if [[ "$(tail -c 1 "$file" | od -An -c | tr -d ' ')" == '\n' ]]; then
    printf '%s %s: the containers ignore it, but write secrets with' "$name" "$HARMLESS_NEWLINE"
    printf ' printf %%s, not echo\n'
  fi
  if world_readable "$file"; then
    printf '%s is readable by every user (mode %s): chmod %s it and rotate it\n' "$name" \
      "$(mode_of "$file")" "$(secret_mode "$name")"
  elif [[ "$(mode_of "$file")" != "$(secret_mode "$name" | sed 's/^0//')" ]]; then
    printf '%s has mode %s instead of %s\n' "$name" "$(mode_of "$file")" "$(secret_mode "$name")"
  fi
  owner="$(stat -c '%u:%g' "$file")"
  [[ "$owner" == "$(secret_owner "$name")" ]] \
    || printf '%s belongs to %s instead of %s\n' "$name" "$owner" "$(secret_owner "$name")"
}

# What secret_problems says of a trailing newline, the one problem the containers cope with.
readonly HARMLESS_NEWLINE="ends with a newline"

# require_usable_secrets: refuses to go on when a secret is missing, empty, open to others or not
# its container's to read, so that a release or rollback stops before it changes anything rather
# than with compose's "bind source path does not exist" halfway. A trailing newline only warns.
require_usable_secrets() {
  local problems
  local line
  local blocking=()
  require_private_dir
  problems="$(all_secret_problems)"
  while IFS= read -r line; do
    [[ -n "$line" ]] || continue
    if [[ "$line" == *"$HARMLESS_NEWLINE"* ]]; then
      warn "$line"
    else
      blocking+=("$line")
    fi
  done <<<"$problems"
  (( ${#blocking[@]} == 0 )) || refuse "the secrets in $TT_SECRETS_DIR are not ready, so nothing" \
    "was changed:"$'\n'"$(printf '  %s\n' "${blocking[@]}")"$'\n'"Run sudo bin/init-secrets.sh," \
    "which creates what is missing and fixes owners and modes, then try again."
}

# all_secret_problems: secret_problems of every secret.
all_secret_problems() {
  local name
  for name in "${SECRET_NAMES[@]}"; do
    secret_problems "$name"
  done
}

# ---- the record: one tab-separated line per secret made or rotated, never a value

# secret_history_file: where the record is kept.
secret_history_file() {
  printf '%s/secret-history' "$TT_STATE_DIR"
}

# record_secret NAME ACTION NOTE: appends time, name, action (created, rotated, failed), who and
# a note. The file belongs to the owner of the state folder, so that the operator's scripts,
# which may run as another user than root, can read it.
record_secret() {
  local file
  file="$(secret_history_file)"
  ensure_state_dir
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$1" "$2" "$(who_runs)" "${3:-}" >>"$file"
  chown --reference="$TT_STATE_DIR" "$file" 2>/dev/null || true
}

# last_change NAME: "time<TAB>action<TAB>who<TAB>note" of the last time NAME was created or
# rotated; nothing when the record does not know NAME.
last_change() {
  [[ -f "$(secret_history_file)" ]] || return 0
  awk -F '\t' -v name="$1" '$2 == name && ($3 == "created" || $3 == "rotated") {
      line = $1 "\t" $3 "\t" $4 "\t" $5 } END { if (line != "") print line }' \
    "$(secret_history_file)"
}
