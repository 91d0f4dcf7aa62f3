#!/usr/bin/env bash
# Installs the Debian packages crmsync builds, tests and benchmarks with, if any is missing.
set -euo pipefail
packages=(build-essential cmake pkg-config python3
          libpoco-dev libxml2-dev libsoci-dev libsqlite3-dev libpq-dev
          libspdlog-dev libboost-test-dev libhowardhinnant-date-dev libsodium-dev tzdata
          postgresql sqlite3 zip time)
# The web UI's browser tests (tests/browser) drive Debian's Chromium from node; node and npm
# may come from another package than Debian's, so they are looked for as commands.
packages+=(chromium)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
