#!/usr/bin/env bash
# Prepares a fresh Debian 12/13 or Ubuntu 24.04 server for timetracker. Idempotent: a second run
# changes nothing and says so.
set -Eeuo pipefail

# shellcheck source=bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=bin/lib/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"
# shellcheck source=bin/lib/docker-engine.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/docker-engine.sh"

TT_CHANGES=0
TT_DRY_RUN=false
DEPLOY_USER="deploy"
TT_HOME="/srv/timetracker"
SSH_PORT=22
WITH_DOCKER=true
REPOSITORY=""

usage() {
  cat <<'USAGE'
Usage: bin/provision.sh [OPTIONS]

Prepares this server (Debian 12 or 13, Ubuntu 24.04) for timetracker, as root:

  - packages: git, curl, gnupg, ufw, unattended-upgrades, and a Docker engine with Compose v2
    and buildx from the distribution (on Debian 12 Compose and buildx come from Debian 13)
  - a user "deploy" in the docker group, with root's SSH keys if it has none
  - a firewall (ufw) that lets in only SSH, 80 and 443
  - unattended security upgrades
  - /srv/timetracker with secrets/ (0700), tls/, acme/, backups/ (0700), state/, and the
    settings file timetracker.conf (written once, from config/timetracker.conf.example)
  - a systemd timer that runs bin/backup.sh every night at 03:15
  - with --repository, the checkout in /srv/timetracker/app

Each step prints "ok" (nothing to do) or "changed"; a second run changes nothing.

  --user NAME          the deploy user (default: deploy)
  --home DIR           where timetracker lives (default: /srv/timetracker)
  --ssh-port PORT      the port the firewall keeps open for SSH (default: 22)
  --repository URL     clone timetracker from URL into HOME/app, as the deploy user
  --without-docker     leave the Docker engine alone (it is installed some other way)
  --dry-run            say what would change, change nothing
  -h, --help           this help

Exit codes: 0 done, 1 failed (the message says why), 2 wrong arguments.
USAGE
}

# ---- how each step reports

# ok WHAT: nothing to do for WHAT.
ok() {
  log "ok       $*"
}

# change WHAT COMMAND...: runs COMMAND (or, with --dry-run, only says it would) and counts it.
change() {
  local what="$1"
  shift
  TT_CHANGES=$((TT_CHANGES + 1))
  if [[ "$TT_DRY_RUN" == true ]]; then
    log "would    $what"
    return 0
  fi
  "$@" || die "could not: $what"
  log "changed  $what"
}

# write_file PATH MODE OWNER CONTENT: makes PATH hold CONTENT with MODE and OWNER (user:group).
write_file() {
  local path="$1"
  local mode="$2"
  local owner="$3"
  local content="$4"
  if [[ -f "$path" && "$(cat "$path")" == "$content" \
    && "$(stat -c '%a %U:%G' "$path")" == "${mode#0} $owner" ]]; then
    ok "$path"
    return 0
  fi
  change "$path" install_file "$path" "$mode" "$owner" "$content"
}

# install_file PATH MODE OWNER CONTENT: writes it through a temporary file, so it is complete or
# absent, never half written.
install_file() {
  local tmp
  tmp="$(mktemp "$(dirname "$1")/.provision.XXXXXX")"
  printf '%s\n' "$4" >"$tmp"
  chmod "$2" "$tmp"
  chown "$3" "$tmp"
  mv "$tmp" "$1"
}

# ensure_dir PATH MODE OWNER: a folder with that mode and owner.
ensure_dir() {
  if [[ -d "$1" && "$(stat -c '%a %U:%G' "$1")" == "${2#0} $3" ]]; then
    ok "$1/"
  else
    change "$1/ ($2, $3)" install -d -m "$2" -o "${3%%:*}" -g "${3##*:}" "$1"
  fi
}

# ---- the steps

check_system() {
  local id
  local version
  id="$(os_id)"
  version="$(source_os_version)"
  case "$id $version" in
    "debian 12" | "debian 13" | "ubuntu 24.04") ok "system: $id $version" ;;
    *) warn "$id $version is not a tested system (Debian 12, 13, Ubuntu 24.04); going on" ;;
  esac
}

# source_os_version: VERSION_ID from /etc/os-release.
source_os_version() {
  (
    # shellcheck disable=SC1091  # the running system's file, not part of the project
    source /etc/os-release && printf '%s' "${VERSION_ID:-}"
  )
}

install_packages() {
  local wanted=(git curl gnupg ufw unattended-upgrades ca-certificates)
  local missing=()
  local name
  for name in "${wanted[@]}"; do
    package_installed "$name" || missing+=("$name")
  done
  if (( ${#missing[@]} == 0 )); then
    ok "packages: ${wanted[*]}"
  else
    change "install ${missing[*]}" install_missing "${missing[@]}"
  fi
}

# install_missing NAME...: apt-get update once, then the packages.
install_missing() {
  apt-get update -q >/dev/null && ensure_packages "$@"
}

install_docker() {
  if [[ "$WITH_DOCKER" == false ]]; then
    ok "Docker engine: left alone (--without-docker)"
  elif engine_answers && plugin_works compose && plugin_works buildx \
    && docker image inspect "$TT_BASE_IMAGE" >/dev/null 2>&1; then
    ok "Docker engine $(docker version -f '{{.Server.Version}}') with Compose and buildx"
  else
    change "Docker engine, Compose v2, buildx and $TT_BASE_IMAGE" ensure_docker
  fi
}

create_user() {
  if ! getent group docker >/dev/null; then
    change "group docker" groupadd --system docker
  fi
  if id "$DEPLOY_USER" >/dev/null 2>&1; then
    ok "user $DEPLOY_USER"
  else
    change "user $DEPLOY_USER" useradd --create-home --shell /bin/bash --user-group "$DEPLOY_USER"
  fi
  if id -nG "$DEPLOY_USER" 2>/dev/null | tr ' ' '\n' | grep -qx docker; then
    ok "$DEPLOY_USER is in the docker group"
  else
    change "$DEPLOY_USER joins the docker group" usermod --append --groups docker "$DEPLOY_USER"
  fi
  copy_ssh_keys
}

# copy_ssh_keys: the deploy user logs in with the keys root has (Hetzner puts the server's key
# there), unless it has keys of its own.
copy_ssh_keys() {
  local home
  home="$(getent passwd "$DEPLOY_USER" | cut -d : -f 6 || true)"
  [[ -n "$home" ]] || home="/home/$DEPLOY_USER"
  if [[ -s "$home/.ssh/authorized_keys" ]]; then
    ok "$DEPLOY_USER has SSH keys"
  elif [[ -s /root/.ssh/authorized_keys ]]; then
    ensure_dir "$home/.ssh" 0700 "$DEPLOY_USER:$DEPLOY_USER"
    write_file "$home/.ssh/authorized_keys" 0600 "$DEPLOY_USER:$DEPLOY_USER" \
      "$(cat /root/.ssh/authorized_keys)"
  else
    warn "no SSH keys for $DEPLOY_USER (root has none to copy); add them to" \
      "$home/.ssh/authorized_keys"
  fi
}

configure_firewall() {
  local rule
  for rule in "$SSH_PORT/tcp" 80/tcp 443/tcp; do
    if ufw show added 2>/dev/null | grep -qx "ufw allow $rule"; then
      ok "firewall allows $rule"
    else
      change "firewall allows $rule" ufw allow "$rule" >/dev/null
    fi
  done
  if ufw status verbose 2>/dev/null | grep -q 'Default: deny (incoming)'; then
    ok "firewall denies everything else coming in"
  else
    change "firewall denies everything else coming in" ufw default deny incoming >/dev/null
  fi
  if ufw status 2>/dev/null | grep -q 'Status: active'; then
    ok "firewall active"
  else
    change "firewall active" ufw --force enable >/dev/null
  fi
}

configure_upgrades() {
  # Debian's and Ubuntu's unattended-upgrades take security updates by default; this turns the
  # daily run on.
  write_file /etc/apt/apt.conf.d/20auto-upgrades 0644 root:root \
    'APT::Periodic::Update-Package-Lists "1";
APT::Periodic::Unattended-Upgrade "1";'
}

create_folders() {
  ensure_dir "$TT_HOME" 0755 "$DEPLOY_USER:$DEPLOY_USER"
  ensure_dir "$TT_HOME/secrets" 0700 "$DEPLOY_USER:$DEPLOY_USER"
  ensure_dir "$TT_HOME/tls" 0755 "$DEPLOY_USER:$DEPLOY_USER"
  ensure_dir "$TT_HOME/acme" 0755 "$DEPLOY_USER:$DEPLOY_USER"
  ensure_dir "$TT_HOME/backups" 0700 "$DEPLOY_USER:$DEPLOY_USER"
  ensure_dir "$TT_HOME/state" 0750 "$DEPLOY_USER:$DEPLOY_USER"
  if [[ -f "$TT_HOME/timetracker.conf" ]]; then
    ok "$TT_HOME/timetracker.conf (kept as it is)"
  else
    write_file "$TT_HOME/timetracker.conf" 0640 "$DEPLOY_USER:$DEPLOY_USER" "$(settings_text)"
  fi
}

# settings_text: the settings template with this server's folder.
settings_text() {
  sed "s|/srv/timetracker|$TT_HOME|g" "$(repo_root)/config/timetracker.conf.example"
}

clone_repository() {
  [[ -n "$REPOSITORY" ]] || return 0
  if [[ -d "$TT_HOME/app/.git" ]]; then
    ok "checkout $TT_HOME/app"
  else
    change "clone $REPOSITORY into $TT_HOME/app" \
      runuser -u "$DEPLOY_USER" -- git clone --quiet "$REPOSITORY" "$TT_HOME/app"
  fi
}

install_backup_timer() {
  write_file /etc/systemd/system/timetracker-backup.service 0644 root:root "$(backup_service)"
  write_file /etc/systemd/system/timetracker-backup.timer 0644 root:root "$(backup_timer)"
  if [[ -L /etc/systemd/system/timers.target.wants/timetracker-backup.timer ]]; then
    ok "backup timer enabled"
  else
    change "backup timer enabled" enable_timer
  fi
}

backup_service() {
  cat <<UNIT
[Unit]
Description=timetracker: back up the database
Requires=docker.service
After=docker.service

[Service]
Type=oneshot
User=$DEPLOY_USER
Environment=TT_CONFIG=$TT_HOME/timetracker.conf
ExecStart=$TT_HOME/app/bin/backup.sh --reason daily
UNIT
}

backup_timer() {
  cat <<'UNIT'
[Unit]
Description=timetracker: back up the database every night

[Timer]
OnCalendar=*-*-* 03:15:00
RandomizedDelaySec=15min
Persistent=true

[Install]
WantedBy=timers.target
UNIT
}

# enable_timer: systemctl where systemd runs; elsewhere (a container, a chroot) the link that
# systemctl enable would make, so the timer starts with the next boot.
enable_timer() {
  if [[ -d /run/systemd/system ]]; then
    systemctl daemon-reload && systemctl enable --now timetracker-backup.timer
  else
    mkdir -p /etc/systemd/system/timers.target.wants
    ln -sf /etc/systemd/system/timetracker-backup.timer \
      /etc/systemd/system/timers.target.wants/timetracker-backup.timer
  fi
}

main() {
  while (( $# > 0 )); do
    case "$1" in
      --user) DEPLOY_USER="${2:?--user needs a name}"; shift ;;
      --home) TT_HOME="${2:?--home needs a folder}"; shift ;;
      --ssh-port) SSH_PORT="${2:?--ssh-port needs a port}"; shift ;;
      --repository) REPOSITORY="${2:?--repository needs a URL}"; shift ;;
      --without-docker) WITH_DOCKER=false ;;
      --dry-run) TT_DRY_RUN=true ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; TT_EXIT_CODE=2 die "unknown argument '$1'" ;;
    esac
    shift
  done
  [[ "$SSH_PORT" =~ ^[0-9]+$ ]] || TT_EXIT_CODE=2 die "--ssh-port needs a number"
  [[ "$TT_DRY_RUN" == true ]] || require_root "provisioning"

  check_system
  install_packages
  install_docker
  create_user
  configure_firewall
  configure_upgrades
  create_folders
  clone_repository
  install_backup_timer

  if [[ "$TT_DRY_RUN" == true ]]; then
    log "$TT_CHANGES changes would be made"
  else
    log "$TT_CHANGES changes made"
  fi
}

main "$@"
