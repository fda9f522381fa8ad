#!/usr/bin/env bash
# The web container's main program: nginx, told where the application is.
#
# nginx keeps connections to the application open between requests (http.d/app-upstream.conf),
# and for that it needs the application's addresses in its configuration: a name that nginx
# resolves at request time gets a new connection for every request, and under load the
# connections closing behind them use up the ports. So this script looks up "app" (Docker's
# DNS), writes the addresses to run/app-servers.conf, starts nginx, and from then on looks again
# every second: when the addresses change (an application container recreated, or replaced
# during a release), it rewrites the file and reloads nginx, whose old workers finish the
# requests they hold.
#
# Arguments go to nginx (the image's CMD is "-c /etc/nginx/nginx.conf"). With -t nginx only
# checks the configuration, and nothing is followed.
set -Eeuo pipefail

readonly SERVERS=/etc/nginx/run/app-servers.conf
readonly PID_FILE=/etc/nginx/run/nginx.pid

log() {
  printf 'web-entrypoint: %s\n' "$*" >&2
}

# app_addresses: the IPv4 addresses of "app", sorted, on one line; empty when no container has
# the name. Fails when the lookup itself fails, so that a hiccup of the DNS changes nothing.
app_addresses() {
  local answer
  local status=0
  answer="$(getent ahostsv4 app)" || status=$?
  case "$status" in
    0) awk '{ print $1 }' <<<"$answer" | sort -u | paste -s -d ' ' ;;
    2) printf '' ;; # not found
    *) return 1 ;;
  esac
}

# write_servers ADDRESSES: the server lines of the upstream group, replaced in one step.
write_servers() {
  local address
  {
    printf '# Written by web-entrypoint: the addresses of "app" when it last looked.\n'
    if [[ -z "$1" ]]; then
      # No application container: answer 502 at once (the friendly page), no connect attempts.
      printf 'server 127.0.0.1:8080 down;\n'
    fi
    for address in $1; do
      printf 'server %s:8080;\n' "$address"
    done
  } >"$SERVERS.new"
  mv -f "$SERVERS.new" "$SERVERS"
}

# follow_app ADDRESSES: every second, looks "app" up again and reloads nginx on a change.
follow_app() {
  local current="$1"
  local next
  set +e
  while sleep 1; do
    next="$(app_addresses)" || continue
    [[ "$next" == "$current" ]] && continue
    write_servers "$next" || continue
    if kill -HUP "$(<"$PID_FILE")"; then
      log "app is now at ${next:-no address}; nginx reloads"
      current="$next"
    fi
  done
}

main() {
  local addresses
  addresses="$(app_addresses)" || addresses=""
  write_servers "$addresses"
  log "app is at ${addresses:-no address yet}"
  if [[ " $* " != *" -t "* ]]; then
    follow_app "$addresses" &
  fi
  # nginx replaces this shell as the container's main process, so it gets the stop signal
  # itself; the follower goes on as its child.
  exec nginx -p /etc/nginx/ -e stderr -g 'daemon off;' "$@"
}

main "$@"
