#!/usr/bin/env bash
# Writes the whole secrets directory into one archive encrypted with a passphrase, for the
# operator to keep off the server, and puts such an archive back on a server.
set -Eeuo pipefail

# shellcheck source=bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=bin/lib/deploy.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deploy.sh"
# shellcheck source=bin/lib/backups.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/backups.sh"
# shellcheck source=bin/lib/secrets.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/secrets.sh"

# A passphrase shorter than this is refused: the archive may be attacked offline for years.
readonly MIN_PASSPHRASE_LENGTH=16

usage() {
  cat <<USAGE
Usage: sudo bin/backup-secrets.sh [--output FILE] [--passphrase-file FILE]
       sudo bin/backup-secrets.sh --restore ARCHIVE [--passphrase-file FILE]

Without --restore: writes every file of \$TT_SECRETS_DIR, with its owner and mode, into a tar
archive encrypted with a passphrase (gpg, AES-256, the passphrase stretched with SHA-512 many
million times), by default \$TT_HOME/timetracker-secrets-<UTC time>.tar.gpg (mode 0600), and
prints its path. Copy it off the server (a password manager, an offline disk), then delete it
here. Keep the passphrase apart from the archive. Make a new archive after every rotation.

With --restore: decrypts ARCHIVE and puts its files into \$TT_SECRETS_DIR with their owners
and modes. The directory must be empty or absent: nothing is overwritten.

The passphrase is asked twice on the terminal, or read from the first line of
--passphrase-file, else of the file the setting TT_SECRETS_PASSPHRASE_FILE names (at least
$MIN_PASSPHRASE_LENGTH characters). gpg gets it on a file descriptor, never on a command line.

  --output FILE            where the archive goes
  --restore ARCHIVE        put the secrets of ARCHIVE back
  --passphrase-file FILE   the passphrase, for scripts
  -h, --help               this help

Runs as root, since the secret files belong to the containers' users. Settings come from
\$TT_CONFIG (default /srv/timetracker/timetracker.conf). Without the checkout at hand, an
archive opens with gpg and tar alone: docs/runbooks/secret-rotation.md.

$(print_exit_codes USAGE REFUSED)
USAGE
}

# read_passphrase FILE CONFIRM: the passphrase, from FILE or asked on the terminal (twice when
# CONFIRM is true), into TT_PASSPHRASE.
read_passphrase() {
  local again
  if [[ -n "$1" ]]; then
    [[ -r "$1" ]] || refuse "cannot read the passphrase file $1"
    IFS= read -r TT_PASSPHRASE <"$1" || [[ -n "${TT_PASSPHRASE:-}" ]] \
      || refuse "the passphrase file $1 is empty"
  else
    [[ -r /dev/tty ]] || refuse "no terminal to ask the passphrase on; use --passphrase-file"
    IFS= read -r -s -p "passphrase for the secrets archive: " TT_PASSPHRASE </dev/tty
    printf '\n' >/dev/tty
    if [[ "$2" == true ]]; then
      IFS= read -r -s -p "the same passphrase again: " again </dev/tty
      printf '\n' >/dev/tty
      [[ "$again" == "$TT_PASSPHRASE" ]] || refuse "the two passphrases differ; nothing was written"
    fi
  fi
  (( ${#TT_PASSPHRASE} >= MIN_PASSPHRASE_LENGTH )) \
    || refuse "the passphrase is shorter than $MIN_PASSPHRASE_LENGTH characters"
}

# with_passphrase ARGS...: gpg with the passphrase on file descriptor 3, never on a command line.
with_passphrase() {
  with_gpg --passphrase-fd 3 "$@" 3< <(printf '%s\n' "$TT_PASSPHRASE")
}

# write_archive FILE: the secrets directory, owners and modes included, encrypted into FILE.
write_archive() {
  local partial="$1.partial"
  (umask 077 && : >"$partial")
  # shellcheck disable=SC2064  # expand $partial now
  trap "rm -f '$partial'" EXIT
  tar --create --numeric-owner --directory "$TT_SECRETS_DIR" . \
    | with_passphrase --symmetric --cipher-algo AES256 --s2k-mode 3 --s2k-digest-algo SHA512 \
      --s2k-count 65011712 --output - >"$partial"
  mv "$partial" "$1"
  trap - EXIT
}

# back_up OUTPUT PASSPHRASE_FILE: writes the archive and prints its path.
back_up() {
  local output="$1"
  require_root "reading every secret file"
  require_private_dir
  read_passphrase "$2" true
  step "writing the secrets of $TT_SECRETS_DIR into $output" write_archive "$output" \
    || die "could not write $output"
  log "copy it off the server, then delete it here (rm $output); keep the passphrase apart"
  printf '%s\n' "$output"
}

# unpack ARCHIVE DIR: decrypts ARCHIVE and unpacks it into DIR with owners and modes.
unpack() {
  with_passphrase --decrypt --output - "$1" | tar --extract --numeric-owner --same-owner \
    --same-permissions --directory "$2"
}

# restore ARCHIVE PASSPHRASE_FILE: the archive's secrets into an empty secrets directory.
restore() {
  local archive="$1"
  local work
  require_root "giving the secret files to the containers' users"
  [[ -f "$archive" ]] || refuse "no archive $archive"
  if [[ -d "$TT_SECRETS_DIR" && -n "$(ls -A "$TT_SECRETS_DIR")" ]]; then
    refuse "$TT_SECRETS_DIR holds secrets already; restoring overwrites nothing. Move it aside" \
      "first (mv $TT_SECRETS_DIR $TT_SECRETS_DIR.before-restore), then run this again"
  fi
  read_passphrase "$2" false
  work="$(mktemp -d "$(dirname "$TT_SECRETS_DIR")/.secrets-restore.XXXXXX")"
  # shellcheck disable=SC2064  # expand $work now
  trap "rm -rf '$work'" EXIT
  step "decrypting $archive" unpack "$archive" "$work" \
    || refuse "could not decrypt $archive: a wrong passphrase, or not a secrets archive"
  [[ -f "$work/db.password" && -f "$work/postgres.password" ]] \
    || refuse "$archive holds no secrets of timetracker"
  rmdir "$TT_SECRETS_DIR" 2>/dev/null || true
  mv "$work" "$TT_SECRETS_DIR"
  trap - EXIT
  chmod 0700 "$TT_SECRETS_DIR"
  log "restored $(find "$TT_SECRETS_DIR" -type f | wc -l) files into $TT_SECRETS_DIR"
  "$(dirname "${BASH_SOURCE[0]}")/init-secrets.sh" --check
}

main() {
  local output=""
  local archive=""
  local passphrase_file=""
  while (( $# > 0 )); do
    case "$1" in
      --output) [[ -n "${2:-}" ]] || usage_error "--output needs a file"; output="$2"; shift ;;
      --restore) [[ -n "${2:-}" ]] || usage_error "--restore needs an archive"
        archive="$2"; shift ;;
      --passphrase-file) [[ -n "${2:-}" ]] || usage_error "--passphrase-file needs a file"
        passphrase_file="$2"; shift ;;
      -h | --help) usage; exit 0 ;;
      *) usage_error "unknown argument '$1'" ;;
    esac
    shift
  done
  [[ -z "$archive" || -z "$output" ]] || usage_error "--output and --restore do not go together"

  load_settings
  passphrase_file="${passphrase_file:-${TT_SECRETS_PASSPHRASE_FILE:-}}"
  if [[ -n "$archive" ]]; then
    restore "$archive" "$passphrase_file"
  else
    back_up "${output:-$TT_HOME/timetracker-secrets-$(date -u +%Y%m%dT%H%M%SZ).tar.gpg}" \
      "$passphrase_file"
  fi
}

main "$@"
