#!/usr/bin/env bash
# Installs the Debian packages the course's tests and grading need, only when missing.
# Usage: scripts/install-system-deps.sh [chromium] [bubblewrap] [postgresql] [npm]
set -euo pipefail

declare -A probe=(
  [chromium]=/usr/bin/chromium
  [bubblewrap]=/usr/bin/bwrap
  [postgresql]=/usr/lib/postgresql
  [npm]=/usr/bin/npm
)
missing=()
for pkg in "$@"; do
  [ -e "${probe[$pkg]}" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "Missing system packages: ${missing[*]}. Install them with apt-get as root." >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
