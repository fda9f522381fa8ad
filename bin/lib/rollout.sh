# shellcheck shell=bash
# Changes what the production stack runs without a failed request: replace_app puts a new
# application container in place of the running one, switch_version moves the whole stack to
# another version's images and back again when that fails. Source it after common.sh and
# deploy.sh, with the settings loaded.
#
# How the application container is replaced (replace_app):
#  1. Compose creates one more app container from the current configuration and image. Before
#     it starts it leaves the front network: Payara opens its port seconds before the WAR is
#     deployed and answers 404, then 503 until the migrations have run, and nginx must not see
#     any of that.
#  2. It starts, runs the migrations and must pass its health check within TT_HEALTH_TIMEOUT,
#     while the old container goes on serving. If it does not, it is removed: nothing changed.
#  3. It joins the front network under the name "app", and each old container gives the name
#     up: it is disconnected and at once connected again at the same address without the
#     alias, so connections in flight on it carry on. The web container looks "app" up every
#     second and reloads nginx when the answer changes (containers/web/entrypoint.sh); nginx's
#     old workers finish what they hold. After TT_SWITCH_SETTLE seconds every new request goes
#     to the new container.
#  4. Each old container is stopped once nothing is connected to it any more, then removed.
# Payara must not get SIGTERM while nginx may still send it requests: between SIGTERM and
# closing its port it answers 503 and 500 for a moment.

# The web container notices a change within a second and reloads nginx; a little more.
: "${TT_SWITCH_SETTLE:=4}"
# How long a retired container may keep connections open before it is stopped anyway.
: "${TT_DRAIN_TIMEOUT:=30}"

TT_CANDIDATE=""
TT_RETIRED=()

# front_network: the id of the project's front network (the one nginx shares with the app).
front_network() {
  docker network ls --quiet --no-trunc \
    --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" \
    --filter "label=com.docker.compose.network=front"
}

# front_endpoint CONTAINER: "ADDRESS ALIAS,ALIAS,..." of CONTAINER on the front network.
front_endpoint() {
  local network
  network="$(front_network)"
  local endpoint='{{.IPAddress}} {{join .Aliases ","}}'
  docker inspect --format \
    "{{range .NetworkSettings.Networks}}{{if eq .NetworkID \"$network\"}}$endpoint{{end}}{{end}}" \
    "$1" 2>/dev/null
}

# serves CONTAINER: true when nginx finds CONTAINER under the name "app".
serves() {
  [[ ",$(front_endpoint "$1" | cut -d ' ' -f 2)," == *,app,* ]]
}

# serving_apps: the running app containers nginx sends requests to.
serving_apps() {
  local container
  for container in $(service_containers app --filter status=running); do
    if serves "$container"; then
      printf '%s\n' "$container"
    fi
  done
}

# short CONTAINER: the first 12 characters of a container id, as docker ps shows them.
short() {
  printf '%s' "${1:0:12}"
}

# clear_leftovers: removes app containers that an interrupted run left behind: stopped ones,
# and running ones that do not serve while another does.
clear_leftovers() {
  local container
  local serving
  serving="$(serving_apps)"
  for container in $(service_containers app); do
    if [[ "$(health "$container")" =~ ^(created|exited|dead)$ ]] \
      || { [[ -n "$serving" ]] && ! serves "$container"; }; then
      log "removing app container $(short "$container"), left over by an interrupted run"
      docker rm --force "$container" >/dev/null
    fi
  done
}

# leave_rotation CONTAINER: takes the name "app" from CONTAINER and keeps its address, so its
# open connections survive.
leave_rotation() {
  local container="$1"
  local network
  local address
  network="$(front_network)"
  address="$(front_endpoint "$container" | cut -d ' ' -f 1)"
  docker network disconnect "$network" "$container" || return 1
  if ! docker network connect --ip "$address" "$network" "$container" 2>/dev/null; then
    warn "could not keep address $address for $(short "$container"); its open requests may fail"
    docker network connect "$network" "$container"
  fi
}

# join_rotation CONTAINER: gives CONTAINER the name "app" on the front network, at the address
# it has there if it has one.
join_rotation() {
  local container="$1"
  local network
  local address
  network="$(front_network)"
  address="$(front_endpoint "$container" | cut -d ' ' -f 1)"
  if [[ -n "$address" ]]; then
    docker network disconnect "$network" "$container" || return 1
    docker network connect --alias app --ip "$address" "$network" "$container"
  else
    docker network connect --alias app "$network" "$container"
  fi
}

# open_connections CONTAINER: how many connections to port 8080 are open or opening inside it.
open_connections() {
  # /proc/net/tcp*: port in hex (1F90 = 8080); state 01 established, 03 SYN received.
  docker exec "$1" awk '$2 ~ /:1F90$/ && ($4 == "01" || $4 == "03") { n++ } END { print n + 0 }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null || printf '0'
}

# await_idle CONTAINER: waits until nothing is connected to CONTAINER's port, at most
# TT_DRAIN_TIMEOUT seconds.
await_idle() {
  local started=$SECONDS
  while (( $(open_connections "$1") > 0 )); do
    if (( SECONDS - started >= TT_DRAIN_TIMEOUT )); then
      warn "$(short "$1") still has open connections after $TT_DRAIN_TIMEOUT s; stopping it anyway"
      return 0
    fi
    sleep 0.2
  done
}

# discard CONTAINER: stops and removes a container that does not serve.
discard() {
  docker rm --force "$1" >/dev/null 2>&1 || true
}

# start_candidate: creates and starts one more app container, off the front network, and waits
# until it is healthy. On failure it shows why and removes it.
start_candidate() {
  local count
  count="$(service_containers app | wc -l)"
  compose --progress quiet up --no-start --no-recreate --scale "app=$((count + 1))" app \
    || return 1
  TT_CANDIDATE="$(service_containers app --filter status=created | head -n 1)"
  [[ -n "$TT_CANDIDATE" ]] || { warn "compose created no new app container"; return 1; }
  docker network disconnect "$(front_network)" "$TT_CANDIDATE" || return 1
  docker start "$TT_CANDIDATE" >/dev/null || return 1
  if ! await_healthy "$TT_CANDIDATE" "the new app container" "$TT_HEALTH_TIMEOUT"; then
    show_diagnostics "$TT_CANDIDATE" "new app container $(short "$TT_CANDIDATE")"
    discard "$TT_CANDIDATE"
    TT_CANDIDATE=""
    return 1
  fi
}

# switch_to_candidate: nginx sends new requests to the candidate only, from TT_SWITCH_SETTLE
# seconds on. The old containers keep running (TT_RETIRED) until retire_old.
switch_to_candidate() {
  local container
  TT_RETIRED=()
  for container in $(serving_apps); do
    [[ "$container" == "$TT_CANDIDATE" ]] || TT_RETIRED+=("$container")
  done
  join_rotation "$TT_CANDIDATE" || return 1
  for container in "${TT_RETIRED[@]}"; do
    leave_rotation "$container" || return 1
  done
  # Until the web container has noticed and reloaded nginx, new requests may still go to the
  # old containers, which serve them. Nothing outside nginx tells when that is over: wait it out.
  sleep "$TT_SWITCH_SETTLE"
}

# retire_old: stops and removes the old containers once they are idle.
retire_old() {
  local container
  for container in "${TT_RETIRED[@]}"; do
    await_idle "$container"
    docker stop "$container" >/dev/null || return 1
    docker rm "$container" >/dev/null || return 1
  done
  TT_RETIRED=()
  TT_CANDIDATE=""
}

# switch_back: the old containers serve again and the candidate goes.
switch_back() {
  local container
  for container in "${TT_RETIRED[@]}"; do
    join_rotation "$container" || return 1
  done
  if [[ -n "$TT_CANDIDATE" ]]; then
    leave_rotation "$TT_CANDIDATE" || return 1
    sleep "$TT_SWITCH_SETTLE"
    await_idle "$TT_CANDIDATE"
    discard "$TT_CANDIDATE"
  fi
  TT_RETIRED=()
  TT_CANDIDATE=""
}

# replace_app [CHECK...]: replaces the running app container with a new one from the current
# configuration and image, with no failed request. CHECK (a command, e.g. smoke_test) runs
# once the new container serves; if it fails the old one serves again. Returns non-zero when
# the replacement did not happen; the old container then serves as before.
replace_app() {
  step "starting a new app container beside the running one" start_candidate || return 1
  step "switching nginx to the new app container" switch_to_candidate || { switch_back; return 1; }
  if (( $# > 0 )) && ! step "checking the new app container: $*" "$@"; then
    step "switching back to the old app container" switch_back
    return 1
  fi
  step "stopping the old app container once idle" retire_old
}

# ---- checks through nginx

# smoke_test: real requests through nginx on this host: the web UI loads, and the API answers a
# request that needs the application and its database (a token that does not exist: 401).
smoke_test() {
  local host="$TT_BIND"
  local answer
  if ! have curl; then
    warn "curl is needed for the smoke test; install it (apt-get install curl)"
    return 1
  fi
  [[ "$host" == 0.0.0.0 ]] && host=127.0.0.1
  # --insecure: the certificate names the public host name, this request goes to loopback.
  answer="$(curl --silent --insecure --max-time 10 --output /dev/null --write-out '%{http_code}' \
    "https://$host:$TT_HTTPS_PORT/")" || answer="none"
  [[ "$answer" == 200 ]] || { warn "GET / through nginx answered $answer, not 200"; return 1; }
  answer="$(curl --silent --insecure --max-time 10 --header 'Authorization: Bearer tt_smoketest' \
    --write-out ' %{http_code}' "https://$host:$TT_HTTPS_PORT/api/me")" || answer="none"
  if [[ "$answer" != *'"not_signed_in"'*' 401' ]]; then
    warn "GET /api/me through nginx answered '$answer', not the application's 401"
    return 1
  fi
}

# ---- switching the stack between versions

# switch_version TARGET ACTION: runs TARGET's images (ACTION: release or rollback). Only the
# containers whose image or settings differ change: the database, then the application with no
# failed request, then the web container. Records the outcome in the history. On failure it goes
# back to what ran before and exits with EXIT_ROLLED_BACK, or EXIT_BROKEN when that fails too.
switch_version() {
  TT_TARGET="$1"
  TT_ACTION="$2"
  TT_FROM="$(current_version)"
  TT_SWITCH_STARTED=$SECONDS
  TT_SWITCH_PHASE="start"
  TT_DB_RECREATED=false
  TT_APP_SWITCHED=false
  remember_running_images
  trap 'on_switch_exit' EXIT
  trap 'switch_failed "interrupted"' INT TERM

  local service
  for service in "${TT_SERVICES[@]}"; do
    tag_live "$service" "$(image "$service" "$TT_TARGET")"
  done

  if [[ -z "$(serving_apps)" ]]; then
    start_whole_stack
  else
    switch_running_stack
  fi
  TT_SWITCH_PHASE="done"
  trap - EXIT INT TERM
  record_history "$TT_ACTION" "$TT_FROM" "$TT_TARGET" ok "$((SECONDS - TT_SWITCH_STARTED))"
  log "$TT_TARGET runs ($TT_ACTION took $((SECONDS - TT_SWITCH_STARTED)) s)"
}

# remember_running_images: the image id of each service's running container (TT_OLD_*).
remember_running_images() {
  local service
  local container
  for service in "${TT_SERVICES[@]}"; do
    container="$(running_container "$service")"
    printf -v "TT_OLD_${service^^}" '%s' \
      "$( [[ -n "$container" ]] && docker inspect --format '{{.Image}}' "$container")"
  done
}

# service_changes SERVICE: true when SERVICE's running container differs from what compose
# would make now: another image behind the running tag, or other settings (compose's hash of
# the service's configuration).
service_changes() {
  local container
  local expected
  container="$(running_container "$1")"
  [[ -z "$container" ]] && return 0
  expected="$(compose config --hash "$1" | awk '{ print $2 }')"
  [[ "$(docker inspect --format '{{.Image}}' "$container")" \
    != "$(image_id "$(image "$1" "$TT_LIVE_TAG")")" \
    || "$(docker inspect --format '{{index .Config.Labels "com.docker.compose.config-hash"}}' \
      "$container")" != "$expected" ]]
}

# start_whole_stack: nothing serves yet: compose starts every service and waits for health. App
# containers that do not serve are of no use then and go first.
start_whole_stack() {
  local container
  TT_SWITCH_PHASE="first"
  for container in $(service_containers app); do
    discard "$container"
  done
  step "starting the stack and waiting until every service is healthy" compose --progress quiet \
    up --detach --wait --wait-timeout "$TT_HEALTH_TIMEOUT" --remove-orphans \
    || switch_failed "the stack did not become healthy"
  step "smoke test through nginx" smoke_test || switch_failed "the smoke test failed"
}

# switch_running_stack: each service whose image or settings changed: the database first, then
# the application with no failed request, then nginx.
switch_running_stack() {
  if service_changes db; then
    TT_SWITCH_PHASE="db"
    TT_DB_RECREATED=true
    warn "the database container changes: it restarts, requests fail for a few seconds"
    recreate db || switch_failed "the new database container did not become healthy"
  fi
  if service_changes app; then
    switch_app
  else
    log "the application's image and settings are the same: its container stays"
  fi
  TT_SWITCH_PHASE="retired"
  if service_changes web; then
    TT_SWITCH_PHASE="web"
    log "the web container changes: nginx restarts, new connections are refused for a moment"
    recreate web || switch_failed "the new web container did not become healthy"
    step "smoke test through nginx" smoke_test || switch_failed "the smoke test failed"
  fi
}

# switch_app: replace_app's steps, each with the way back that fits it.
switch_app() {
  TT_SWITCH_PHASE="app"
  step "starting a new app container beside the running one" start_candidate \
    || switch_failed "the new app container did not become healthy"
  TT_SWITCH_PHASE="switched"
  step "switching nginx to the new app container" switch_to_candidate \
    || switch_failed "could not switch nginx to the new app container"
  step "smoke test through nginx" smoke_test || switch_failed "the smoke test failed"
  step "stopping the old app container once idle" retire_old \
    || switch_failed "could not stop the old app container"
  TT_APP_SWITCHED=true
}

# on_switch_exit: the EXIT trap while switching: an unexpected stop goes back as well.
on_switch_exit() {
  local status=$?
  [[ "$TT_SWITCH_PHASE" == "done" ]] && return 0
  switch_failed "stopped unexpectedly (exit status $status)"
}

# switch_failed REASON: shows why, goes back to the images that ran before, records the outcome
# and exits.
switch_failed() {
  local reason="$1"
  local phase="$TT_SWITCH_PHASE"
  trap - EXIT INT TERM
  TT_SWITCH_PHASE="done"
  warn "$TT_ACTION to $TT_TARGET failed: $reason"
  if [[ "$phase" == "first" || -z "$TT_OLD_APP" ]]; then
    show_stack_diagnostics
    record_history "$TT_ACTION" "$TT_FROM" "$TT_TARGET" failed "$((SECONDS - TT_SWITCH_STARTED))"
    die "nothing ran before, so there is nothing to go back to; see the logs above"
  fi
  show_stack_diagnostics
  log "going back to what ran before${TT_FROM:+ ($TT_FROM)}"
  if go_back "$phase"; then
    record_history "$TT_ACTION" "$TT_FROM" "$TT_TARGET" rolled-back \
      "$((SECONDS - TT_SWITCH_STARTED))"
    TT_EXIT_CODE=$EXIT_ROLLED_BACK die "$TT_ACTION to $TT_TARGET failed ($reason);" \
      "${TT_FROM:-the version that ran before} serves again"
  fi
  record_history "$TT_ACTION" "$TT_FROM" "$TT_TARGET" broken "$((SECONDS - TT_SWITCH_STARTED))"
  TT_EXIT_CODE=$EXIT_BROKEN die "$TT_ACTION to $TT_TARGET failed ($reason) and going back" \
    "failed too; check bin/status.sh and the logs above, then run bin/rollback.sh ${TT_FROM}"
}

# go_back PHASE: undoes what the switch did up to PHASE: the running tags point at the old
# images again, and each container that was replaced is replaced back.
go_back() {
  local phase="$1"
  local service
  local old
  for service in "${TT_SERVICES[@]}"; do
    old="TT_OLD_${service^^}"
    [[ -z "${!old}" ]] || tag_live "$service" "${!old}" || return 1
  done
  case "$phase" in
    switched) step "switching back to the old app container" switch_back || return 1 ;;
    retired | web)
      if [[ "$TT_APP_SWITCHED" == true ]]; then
        replace_app smoke_test || return 1
      fi
      ;;
    *) [[ -z "$TT_CANDIDATE" ]] || discard "$TT_CANDIDATE" ;;
  esac
  if [[ "$phase" == web ]]; then
    recreate web || return 1
  fi
  if [[ "$TT_DB_RECREATED" == true ]]; then
    recreate db || return 1
  fi
  step "smoke test through nginx" smoke_test
}

# recreate SERVICE: compose makes SERVICE's container anew from the running tag and waits until
# it is healthy.
recreate() {
  step "recreating the $1 container" compose --progress quiet up --detach --wait \
    --wait-timeout "$TT_HEALTH_TIMEOUT" "$1"
}

# show_stack_diagnostics: logs and health of every container that is not healthy.
show_stack_diagnostics() {
  local service
  local container
  for service in "${TT_SERVICES[@]}"; do
    for container in $(service_containers "$service"); do
      [[ "$(health "$container")" == healthy ]] \
        || show_diagnostics "$container" "$service container $(short "$container")"
    done
  done
}
