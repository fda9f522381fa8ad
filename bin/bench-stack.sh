#!/usr/bin/env bash
# Measures the container stack on this machine: image sizes, time from `up` to healthy, memory
# at idle and under load, and requests/s and latency through nginx for GET /api/entries beside
# a static file. Prints a Markdown table on stdout; progress goes to stderr.
set -Eeuo pipefail

# shellcheck source=bin/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=bin/lib/packages.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/packages.sh"
# shellcheck source=bin/lib/docker-engine.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/docker-engine.sh"

readonly PROJECT="timetracker-bench"
readonly SUBNET="10.217.8.0/24"

usage() {
  cat <<'USAGE'
Usage: bin/bench-stack.sh [--seconds SECONDS] [--warmup SECONDS] [--connections N]

Builds the images, starts the development stack's images under the project name
timetracker-bench (its own network and volume, removed afterwards), and measures:
image sizes; time from `up` to all healthy, on an empty volume and again with data;
memory of the three containers at idle and under load; requests/s and latency through nginx
for GET /api/entries (one week, 100 entries) and for a static file, with wrk.

wrk talks to the web container's own address on its bridge network, as production traffic
arriving through Docker's NAT would; loopback would add Docker's userland proxy to both.

  --seconds SECONDS   measuring time per scenario (default 20)
  --warmup SECONDS    load before the API's measurement (default 120): after a start the stack
                      keeps getting faster for about two minutes of load, most likely Java's
                      compiler at work (1.4 ms of CPU per request after 40 s, 0.95 ms after
                      100 s, on 4 Dec 2026); the static file gets 10 s
  --connections N     concurrent connections (default 50)
  -h, --help          this help
USAGE
}

# compose ARGS...: docker compose for the benchmark's project.
compose() {
  docker compose --progress quiet --env-file "$WORK/env" -p "$PROJECT" -f compose/dev.yml "$@"
}

# write_env_file: settings with random passwords, a free port and the benchmark's own subnet.
write_env_file() {
  local name
  umask 077
  for name in POSTGRES_PASSWORD DB_PASSWORD ADMIN_PASSWORD; do
    printf '%s=%s\n' "$name" "$(head -c 24 /dev/urandom | base64 | tr '+/' '-_')"
  done >"$WORK/env"
  printf 'ADMIN_EMAIL=bench@timetracker.test\nTT_DEV_PORT=18089\nTT_DEV_SUBNET=%s\n' "$SUBNET" \
    >>"$WORK/env"
}

# env_value NAME: a value from the benchmark's env file.
env_value() {
  sed -n "s/^$1=//p" "$WORK/env"
}

# image_sizes: one table row per image, in MB as docker counts them (uncompressed layers).
image_sizes() {
  local service
  local image
  for service in web app db; do
    image="timetracker-$service:latest"
    printf '| image size, %s | %s MB |\n' "$service" \
      "$(( $(docker image inspect -f '{{.Size}}' "$image") / 1000000 ))"
  done
}

# seconds_to_healthy: runs `up --wait` and prints how long it took, in seconds with one decimal.
seconds_to_healthy() {
  local started
  started="$(date +%s%N)"
  compose up --detach --wait --wait-timeout 300 >&2
  printf '%d.%d' "$(( ($(date +%s%N) - started) / 1000000000 ))" \
    "$(( ($(date +%s%N) - started) / 100000000 % 10 ))"
}

# memory_mib: the three containers' memory use together (cgroup usage without page cache), MiB.
memory_mib() {
  local containers
  mapfile -t containers < <(compose ps --quiet)
  docker stats --no-stream --format '{{.MemUsage}}' "${containers[@]}" \
    | awk '{ v = $1; u = v; sub(/[0-9.]+/, "", u); sub(/[A-Za-z]+/, "", v);
             if (u == "GiB") v *= 1024; else if (u == "KiB") v /= 1024; total += v }
           END { printf "%.0f", total }'
}

# cpu_ns: CPU time used so far by each of the three containers, in nanoseconds, from their
# cgroups (v1 or v2): one line "web NS app NS db NS"; empty when a cgroup is not found.
cpu_ns() {
  local service
  local id
  local file
  for service in web app db; do
    id="$(compose ps --quiet --no-trunc "$service")"
    for file in "/sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage" \
      "/sys/fs/cgroup/system.slice/docker-$id.scope/cpu.stat" "/sys/fs/cgroup/docker/$id/cpu.stat"; do
      [[ -r "$file" ]] || continue
      if [[ "$file" == *cpu.stat ]]; then
        printf '%s %s ' "$service" "$(awk '$1 == "usage_usec" { print $2 * 1000 }' "$file")"
      else
        printf '%s %s ' "$service" "$(<"$file")"
      fi
      continue 2
    done
    return 0
  done
}

# web_address: the web container's address on its bridge network.
web_address() {
  docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' \
    "$(compose ps --quiet web)"
}

# api_token: signs in as the first admin and prints a new personal API token.
api_token() {
  local base="$1"
  local csrf
  csrf="$(curl -fsS -c "$WORK/cookies" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$(env_value ADMIN_EMAIL)\",\"password\":\"$(env_value ADMIN_PASSWORD)\"}" \
    "$base/api/auth/login" | sed -n 's/.*"csrfToken":"\([^"]*\)".*/\1/p')"
  curl -fsS -b "$WORK/cookies" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
    -d '{"name":"benchmark"}' "$base/api/me/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

# create_entries BASE TOKEN MONDAY: 100 entries of 30 minutes spread over that week.
create_entries() {
  local base="$1"
  local token="$2"
  local monday="$3"
  local i
  local day
  for (( i = 0; i < 100; i++ )); do
    day="$(date -u -d "$monday + $(( i % 7 )) days" +%F)"
    curl -fsS -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"description\":\"entry $i\",\"start\":\"${day}T0$(( i % 8 + 1 )):00:00Z\",\"end\":\"${day}T0$(( i % 8 + 1 )):30:00Z\"}" \
      "$base/api/entries"
  done
}

# load NAME WARMUP SECONDS CONNECTIONS URL [WRK_OPTIONS...]: warms up, then measures with wrk
# while taking the stack's memory halfway; prints a table row.
load() {
  local name="$1"
  local warmup="$2"
  local seconds="$3"
  local connections="$4"
  local url="$5"
  local options=(-t2 -c"$connections" "${@:6}")
  local output="$WORK/wrk.out"
  local memory
  local cpu_before
  local cpu_after
  local requests
  wrk "${options[@]}" -d"${warmup}s" "$url" >/dev/null
  cpu_before="$(cpu_ns)"
  wrk "${options[@]}" -d"${seconds}s" --latency "$url" >"$output" &
  sleep "$(( seconds / 2 ))"
  memory="$(memory_mib)"
  wait "$!"
  cpu_after="$(cpu_ns)"
  grep -q 'Non-2xx' "$output" && warn "$name: some answers were not 2xx: $(cat "$output")"
  requests="$(awk '/requests in/ { print $1 }' "$output")"
  printf '| %s | %s req/s | p50 %s, p99 %s | %s | %s MiB |\n' "$name" \
    "$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$output")" \
    "$(awk '$1 == "50%" { print $2 }' "$output")" \
    "$(awk '$1 == "99%" { print $2 }' "$output")" \
    "$(cpu_per_request "$cpu_before" "$cpu_after" "$requests")" "$memory"
}

# cpu_per_request BEFORE AFTER REQUESTS: the stack's CPU time per request, each container's part,
# and the rate that two cores given to the stack alone would allow: a figure that other load on
# the machine does not distort the way it distorts requests/s. BEFORE and AFTER come from cpu_ns.
cpu_per_request() {
  if [[ -z "$1" || -z "$2" ]]; then
    printf 'n/a'
    return 0
  fi
  awk -v before="$1" -v after="$2" -v n="$3" 'BEGIN {
    split(before, b, " "); split(after, a, " ")
    for (i = 1; i < 6; i += 2) { us[i] = (a[i + 1] - b[i + 1]) / 1000 / n; total += us[i] }
    printf "%.0f µs (web %.0f, app %.0f, db %.0f), %.0f req/s on 2 cores",
      total, us[1], us[3], us[5], 2000000 / total }'
}

# cleanup: removes the benchmark's containers, network, volume and files.
cleanup() {
  compose down --volumes --remove-orphans >/dev/null 2>&1 || true
  rm -rf "$WORK"
}

main() {
  local seconds=20
  local warmup=120
  local connections=50
  while (( $# > 0 )); do
    case "$1" in
      --seconds) seconds="$2"; shift ;;
      --warmup) warmup="$2"; shift ;;
      --connections) connections="$2"; shift ;;
      -h | --help) usage; exit 0 ;;
      *) usage >&2; die "unknown option '$1'" ;;
    esac
    shift
  done

  cd "$(repo_root)"
  ensure_docker
  ensure_packages wrk curl
  WORK="$(mktemp -d)"
  trap cleanup EXIT
  write_env_file
  compose down --volumes --remove-orphans >/dev/null 2>&1 || true

  step "built the images" compose build --quiet
  local first
  local again
  local idle
  local base
  local token
  local monday
  first="$(seconds_to_healthy)"
  log "stack healthy after $first s on an empty volume; restarting it with its data"
  compose down >&2
  again="$(seconds_to_healthy)"
  base="http://$(web_address):8080"
  monday="$(date -u -d "last monday" +%F)"
  token="$(api_token "$base")"
  step "created 100 entries" create_entries "$base" "$token" "$monday"
  log "letting the stack settle for 30 s before measuring idle memory"
  sleep 30
  idle="$(memory_mib)"

  log "loading nginx (10 s warm-up) and the application (${warmup} s), ${seconds} s measured each"
  printf '| figure | value |\n|---|---|\n'
  image_sizes
  printf '| up to all healthy, empty volume (first start) | %s s |\n' "$first"
  printf '| up to all healthy, with data | %s s |\n' "$again"
  printf '| memory of the 3 containers, idle | %s MiB |\n' "$idle"
  printf '\n| %s connections through nginx | throughput | latency | stack CPU per request |' \
    "$connections"
  printf ' memory of the 3 |\n|---|---|---|---|---|\n'
  load "static file (index.html, 0.7 kB)" 10 "$seconds" "$connections" "$base/index.html"
  load "GET /api/entries (one week, 100 entries)" "$warmup" "$seconds" "$connections" \
    "$base/api/entries?from=$monday&to=$(date -u -d "$monday + 6 days" +%F)" \
    -H "Authorization: Bearer $token"
}

main "$@"
