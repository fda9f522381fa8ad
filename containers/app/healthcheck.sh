#!/usr/bin/env bash
# Healthy when Payara answers /health/ready with 200 and the response names the database check:
# an application that failed to deploy still answers UP, but without any check of its own.
set -Eeuo pipefail

response="$(
  exec 3<>/dev/tcp/127.0.0.1/8080
  printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  timeout 2 cat <&3
)"

[[ "$response" =~ ^HTTP/1\.[01]\ 200 ]] || exit 1
[[ "$response" =~ \"name\":\ *\"database\" ]] || exit 1
