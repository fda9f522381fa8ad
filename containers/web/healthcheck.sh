#!/usr/bin/env bash
# Healthy when nginx answers on its plain HTTP port (8080 in both setups).
set -Eeuo pipefail

response="$(
  exec 3<>/dev/tcp/127.0.0.1/8080
  printf 'GET /nginx-health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  timeout 2 cat <&3
)"

[[ "$response" =~ ^HTTP/1\.[01]\ 204 ]]
