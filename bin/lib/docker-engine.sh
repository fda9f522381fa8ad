# shellcheck shell=bash
# Makes sure a Docker engine with Compose v2 and BuildKit answers, and that the base image
# debian:trixie-slim exists. Source it after common.sh and packages.sh.
#
# As root on Debian or Ubuntu, whatever is missing is installed from the distribution's archive:
# the engine (docker.io), Compose v2 and buildx (on Debian 12 from Debian 13's packages, which are
# static binaries), and the base image, built with debootstrap when no registry can supply it.
# Anywhere else it stops and names what to install.

TT_BASE_IMAGE="debian:trixie-slim"
TT_BASE_SUITE="trixie"
TT_DOCKERD_LOG="/var/log/timetracker-dockerd.log"
TT_CLI_PLUGINS="/usr/local/lib/docker/cli-plugins"

# engine_answers: true when the Docker engine answers this user.
engine_answers() {
  docker info >/dev/null 2>&1
}

# os_codename: the release's code name from /etc/os-release (bookworm, trixie, noble, ...).
os_codename() {
  (
    # shellcheck disable=SC1091  # the running system's file, not part of the project
    source /etc/os-release && printf '%s' "${VERSION_CODENAME:-}"
  )
}

# os_id: debian, ubuntu, ...
os_id() {
  (
    # shellcheck disable=SC1091  # the running system's file, not part of the project
    source /etc/os-release && printf '%s' "${ID:-}"
  )
}

# debian_mirror: prints the host's Debian mirror (the first archive URI that is not the security
# archive), from deb822 sources or a one-line sources.list.
debian_mirror() {
  local mirror
  mirror="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }')"
  if [[ -z "$mirror" ]]; then
    mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {
          if ($i !~ /security/) { print $i; exit } else break } }')"
  fi
  [[ -n "$mirror" ]] || die "found no Debian mirror in /etc/apt; add one to /etc/apt/sources.list"
  printf '%s' "${mirror%/}"
}

# debian_security_mirror: the host's security archive URI, or nothing.
debian_security_mirror() {
  cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | awk '$1 == "URIs:" || $1 == "deb" { for (i = 2; i <= NF; i++)
        if ($i ~ /^[a-z]+:\/\/.*security/) { print $i; exit } }'
}

# require_installer WHAT: stops unless this script may install WHAT (root on Debian or Ubuntu).
require_installer() {
  local what="$1"
  if (( EUID != 0 )) || ! have apt-get || [[ ! "$(os_id)" =~ ^(debian|ubuntu)$ ]]; then
    die "$what is missing; install it (Docker Engine with the Compose v2 and buildx plugins," \
      "see https://docs.docker.com/engine/install/) or run this again as root on Debian or Ubuntu"
  fi
}

# install_engine_packages: docker.io (engine, containerd, runc) and debootstrap.
install_engine_packages() {
  ensure_packages docker.io debootstrap ca-certificates
}

# start_engine: starts dockerd through systemd where it runs, else in the background with its
# log in $TT_DOCKERD_LOG; waits up to 60 s for it to answer.
start_engine() {
  local waited=0
  if [[ -d /run/systemd/system ]]; then
    systemctl enable --now docker >/dev/null 2>&1 || systemctl start docker
  else
    # setsid: the engine outlives this script and its terminal.
    setsid dockerd >>"$TT_DOCKERD_LOG" 2>&1 </dev/null &
  fi
  until engine_answers; do
    (( waited++ < 120 )) || die "dockerd did not answer within 60 s; see $TT_DOCKERD_LOG"
    sleep 0.5
  done
}

# plugin_works NAME: true when `docker NAME version` answers.
plugin_works() {
  docker "$1" version >/dev/null 2>&1
}

# install_plugins_from_archive: Compose v2 and buildx from this release's own archive
# (Debian 13 and later, Ubuntu 24.04 and later).
install_plugins_from_archive() {
  if [[ "$(os_id)" == ubuntu ]]; then
    ensure_packages docker-compose-v2 docker-buildx
  else
    ensure_packages docker-compose docker-buildx
  fi
}

# install_plugins_from_trixie: Debian 13's docker-compose and docker-buildx packages hold static
# binaries; fetch them with a temporary sources list for trixie on the host's own mirror and put
# them where every Docker CLI looks for plugins. Leaves the host's apt configuration untouched.
install_plugins_from_trixie() {
  local work
  local deb
  work="$(mktemp -d)"
  # shellcheck disable=SC2064  # expand $work now: the local is gone when the trap runs
  trap "rm -rf '$work'" RETURN
  mkdir -p "$work/lists/partial" "$work/archives/partial" "$work/unpacked"
  cat >"$work/trixie.sources" <<SOURCES
Types: deb
URIs: $(debian_mirror)
Suites: $TT_BASE_SUITE
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  local apt_options=(
    -o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$work"
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache::Archives=$work/archives"
    -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
    # The folders are root's own temporary ones, which apt's _apt user cannot write.
    -o "APT::Sandbox::User=root"
  )
  apt-get "${apt_options[@]}" update -q >/dev/null \
    || die "could not read the $TT_BASE_SUITE package list from $(debian_mirror)"
  (cd "$work/archives" && apt-get "${apt_options[@]}" download -q docker-compose docker-buildx \
    >/dev/null) || die "could not download docker-compose and docker-buildx from $TT_BASE_SUITE"
  for deb in "$work"/archives/*.deb; do
    dpkg-deb -x "$deb" "$work/unpacked"
  done

  install -d "$TT_CLI_PLUGINS"
  install -m 0755 "$work/unpacked/usr/libexec/docker/cli-plugins/docker-compose" \
    "$work/unpacked/usr/libexec/docker/cli-plugins/docker-buildx" "$TT_CLI_PLUGINS/"
}

# install_plugins: Compose v2 and buildx, from wherever this release has them.
install_plugins() {
  if [[ "$(os_id)" == debian && "$(os_codename)" == bookworm ]]; then
    install_plugins_from_trixie
  else
    install_plugins_from_archive
  fi
}

# link_compose_command: the standalone `docker-compose` name for the same Compose v2 binary.
link_compose_command() {
  local plugin
  for plugin in "$TT_CLI_PLUGINS" /usr/local/libexec/docker/cli-plugins \
    /usr/lib/docker/cli-plugins /usr/libexec/docker/cli-plugins; do
    if [[ -x "$plugin/docker-compose" ]]; then
      ln -sf "$plugin/docker-compose" /usr/local/bin/docker-compose
      return 0
    fi
  done
  die "found no docker-compose plugin binary to link as docker-compose"
}

# build_base_image: debian:trixie-slim from Debian's archive, as Debian's own images are made:
# debootstrap's minimal variant, without documentation, imported as a single layer.
build_base_image() {
  local root
  local security
  root="$(mktemp -d)"
  # shellcheck disable=SC2064  # expand $root now: the local is gone when the trap runs
  trap "rm -rf '$root'" RETURN
  debootstrap --variant=minbase "$TT_BASE_SUITE" "$root" "$(debian_mirror)" >/dev/null \
    || die "debootstrap of $TT_BASE_SUITE failed; run it by hand to see why:" \
      "debootstrap --variant=minbase $TT_BASE_SUITE /tmp/root $(debian_mirror)"
  security="$(debian_security_mirror)"

  # Later installs inside images leave out documentation, as in Debian's slim images.
  cat >"$root/etc/dpkg/dpkg.cfg.d/slim" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
DPKG
  cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::GzipIndexes "true";
APT
  rm -f "$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $(debian_mirror)
Suites: $TT_BASE_SUITE $TT_BASE_SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
${security:+
Types: deb
URIs: $security
Suites: $TT_BASE_SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg}
SOURCES
  # Files only: package scripts expect the folders (openjdk's links its man pages).
  find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$root"/usr/share/{man,info,lintian} -not -type d -delete
  find "$root/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias \
    -exec rm -rf {} +
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin \
    "$root"/var/cache/apt/archives/*.deb "$root"/var/log/*.log

  tar -C "$root" -c . \
    | docker import --change 'CMD ["bash"]' \
      --message "debootstrap --variant=minbase $TT_BASE_SUITE" - "$TT_BASE_IMAGE" >/dev/null
}

# ensure_docker: engine, plugins and base image, installing what is missing (see the top).
ensure_docker() {
  if ! have dockerd && ! engine_answers; then
    require_installer "the Docker engine"
    step "installed the Docker engine (docker.io) and debootstrap" install_engine_packages
  fi
  if ! engine_answers; then
    if docker info 2>&1 | grep -q 'permission denied'; then
      die "the Docker engine refuses this user; add it to the docker group (usermod -aG docker" \
        "$(id -un)), log in again, and run this again"
    fi
    require_installer "a running Docker engine"
    step "started the Docker engine (log: $TT_DOCKERD_LOG)" start_engine
  fi
  if ! plugin_works compose || ! plugin_works buildx; then
    require_installer "Compose v2 or buildx"
    step "installed the Compose v2 and buildx plugins" install_plugins
  fi
  if ! docker-compose version 2>/dev/null | grep -Eq 'version v?2\.'; then
    require_installer "the docker-compose command"
    link_compose_command
  fi
  if ! docker image inspect "$TT_BASE_IMAGE" >/dev/null 2>&1; then
    require_installer "the base image $TT_BASE_IMAGE"
    have debootstrap || ensure_packages debootstrap
    step "built $TT_BASE_IMAGE with debootstrap from $(debian_mirror)" build_base_image
  fi
  log "Docker engine $(docker version -f '{{.Server.Version}}'), $(docker compose version --short 2>/dev/null | sed 's/^/Compose /') and $TT_BASE_IMAGE are ready"
}
