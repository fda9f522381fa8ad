# shellcheck shell=bash
# Installs Debian packages the scripts need. Source it after common.sh.

# package_installed NAME: true when dpkg knows NAME as installed.
package_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# ensure_packages NAME...: installs the missing ones as root on Debian or Ubuntu, or dies naming
# them.
ensure_packages() {
  local missing=()
  local name
  for name in "$@"; do
    package_installed "$name" || missing+=("$name")
  done
  (( ${#missing[@]} == 0 )) && return 0

  if (( EUID != 0 )) || ! have apt-get; then
    die "missing packages: ${missing[*]}; install them (apt-get install ${missing[*]}) and run again"
  fi
  log "installing ${missing[*]} from the distribution's archive"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" >/dev/null; then
    log "refreshing the package lists and trying again"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
      >/dev/null || die "could not install ${missing[*]}; see the apt-get output above"
  fi
}
