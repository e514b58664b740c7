#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian/Ubuntu machine: PostgreSQL server binaries (the store tests start
# their own private server) and Chromium (the dashboard's browser tests). Does nothing when both are present.
set -euo pipefail

need=()
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi
if [ ! -x /usr/bin/chromium ]; then
  need+=(chromium)
fi
[ ${#need[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing test dependencies: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# The Debian package starts a cluster of its own; the tests never use it.
$sudo service postgresql stop >/dev/null 2>&1 || true
