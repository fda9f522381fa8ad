#!/usr/bin/env bash
# Releases a version of timetracker on this server: builds its images from this checkout while
# the running version serves, backs up the database, and switches to it with no failed request.
set -Eeuo pipefail

# shellcheck source=bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=bin/lib/deploy.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deploy.sh"
# shellcheck source=bin/lib/rollout.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/rollout.sh"
# shellcheck source=bin/lib/secrets.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/secrets.sh"

usage() {
  cat <<USAGE
Usage: bin/release.sh [--wait SECONDS] [REF]

Releases REF (a tag, branch or commit; default: what is checked out) on this server:

  1. takes the release lock (a second release or rollback stops, or waits with --wait) and
     checks the secrets as bin/init-secrets.sh --check does: a missing, empty, misowned or
     world-readable one stops it here, before anything changes
  2. checks out REF; refuses a checkout with changes
  3. builds the images, tagged with the version (tag-commit, e.g. v1.4.0-3f2a1b4c), while the
     running version serves
  4. backs up the database (bin/backup.sh)
  5. starts the new application beside the running one; it runs its migrations and must pass
     its health check; then nginx switches to it and a smoke test runs through nginx
  6. records the release in the history and keeps the images of the last TT_KEEP_VERSIONS
     versions, always the running and the previous one

If anything fails, the version that ran before serves again and the failing container's logs
and health checks are printed. Migrations must keep the previous version working (add first,
remove later): see docs/runbooks/release.md.

Settings come from \$TT_CONFIG (default /srv/timetracker/timetracker.conf).

  --wait SECONDS   wait at most this long for a running release or rollback to finish
  -h, --help       this help

$(print_exit_codes USAGE BUSY REFUSED ROLLED_BACK BROKEN)
USAGE
}

# require_clean_checkout: refuses to build from a checkout whose files differ from a commit.
require_clean_checkout() {
  local changes
  changes="$(git -C "$TT_CHECKOUT" status --porcelain)"
  [[ -z "$changes" ]] || refuse "the checkout $TT_CHECKOUT has changes; commit or remove them" \
    "first:"$'\n'"$changes"
}

# check_out REF: switches the checkout to REF, fetching from origin when REF is not known here.
check_out() {
  local ref="$1"
  if ! git -C "$TT_CHECKOUT" rev-parse --quiet --verify "$ref^{commit}" >/dev/null; then
    if git -C "$TT_CHECKOUT" remote get-url origin >/dev/null 2>&1; then
      git -C "$TT_CHECKOUT" fetch --quiet --tags origin || refuse "could not fetch from origin"
    fi
    git -C "$TT_CHECKOUT" rev-parse --quiet --verify "$ref^{commit}" >/dev/null \
      || refuse "no commit, tag or branch '$ref' in $TT_CHECKOUT or its origin"
  fi
  git -C "$TT_CHECKOUT" checkout --quiet "$ref" 2>/dev/null \
    || git -C "$TT_CHECKOUT" checkout --quiet --detach "$ref"
}

# build_images VERSION LOG: the three images of the checkout, tagged VERSION.
build_images() {
  TT_VERSION="$1" run_logged "building" "$2" compose --progress plain build
}

# back_up VERSION LOG: a backup of the database before the switch.
back_up() {
  run_logged "backing up" "$2" "$TT_CHECKOUT/bin/backup.sh" --reason "before release $1"
}

main() {
  local ref=""
  local wait=""
  local version
  local run_log_file
  while (( $# > 0 )); do
    case "$1" in
      --wait) [[ "${2:-}" =~ ^[0-9]+$ ]] || usage_error "--wait needs a number of seconds"
        wait="$2"; shift ;;
      -h | --help) usage; exit 0 ;;
      -*) usage_error "unknown option '$1'" ;;
      *) [[ -z "$ref" ]] || usage_error "one REF at most"; ref="$1" ;;
    esac
    shift
  done

  load_settings
  take_lock release "$wait"
  require_usable_secrets
  run_log_file="$(run_log release)"
  clear_leftovers
  require_clean_checkout
  [[ -z "$ref" ]] || step "checking out $ref" check_out "$ref"
  version="$(version_name)"
  log "releasing $version (running: $(current_version || true))"
  if [[ "$version" == "$(current_version)" && -n "$(serving_apps)" ]]; then
    log "$version runs already; nothing to do"
    return 0
  fi

  step "building the images of $version (log: $run_log_file)" build_images "$version" \
    "$run_log_file" || die "the build failed; nothing was changed"
  if [[ -n "$(running_container db)" ]]; then
    step "backing up the database" back_up "$version" "$run_log_file" \
      || die "the backup failed; nothing was changed"
  fi
  switch_version "$version" release
  prune_versions
}

main "$@"
