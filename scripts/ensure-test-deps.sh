#!/usr/bin/env bash
# Installs the system programs the tests need, only when they are missing:
#   redis-server  the store's multi-instance tests start their own Redis on a loopback port
#   chromium      the Teams browser test drives the Agents Playground with it
# Installs with apt-get when run as root; otherwise prints what to install and fails.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
  exit 0
fi

echo "ensure-test-deps: missing ${missing[*]}." >&2
echo "Install them with your package manager, e.g.: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
exit 1
