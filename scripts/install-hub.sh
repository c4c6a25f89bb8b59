#!/usr/bin/env bash
# Installs the course's JupyterHub into one folder, SITE (default /srv/alliance-hub), from
# this checkout's files only; run as root. docs/jupyterhub.md describes what each part is for.
#
#   SITE/jupyterhub_config.py   the tested hub config (deploy/hub/); everything below is found from it
#   SITE/hub-env/               JupyterHub (deploy/hub/requirements.txt)
#   SITE/proxy/                 configurable-http-proxy (deploy/hub/package-lock.json)
#   SITE/trainee-env/           what trainees' servers run: the course without the answer key
#   SITE/grader-env/            course + answer key, readable only by the GRADERS group
#   SITE/jupyter/               trainees' Jupyter config: course id, exchange, no instructor tools
#   SITE/exchange/              nbgrader's shared-folder exchange (root-owned, mode 1777)
#   SITE/state/                 the hub's database and secrets (root only)
#
# Idempotent: each environment records a fingerprint of what it was built from and is only
# rebuilt when that changes, so a second run takes seconds. Every install reads the course
# lock (constraints.txt) and stops on the first failure.
# Usage: scripts/install-hub.sh [SITE]   (env: PYTHON=/usr/bin/python3, GRADERS=alliance-graders)
set -euo pipefail

SITE=${1:-/srv/alliance-hub}
# Debian's python3, not a pyenv or conda one under /root: every account must be able to run it.
PYTHON=${PYTHON:-/usr/bin/python3}
GRADERS=${GRADERS:-alliance-graders}
HERE=$(cd "$(dirname "$0")/.." && pwd)
HUB=$HERE/deploy/hub

if [ "$(id -u)" -ne 0 ]; then
  echo "install-hub.sh: run as root (it creates the $GRADERS group and root-owned folders)." >&2
  exit 1
fi
for tool in "$PYTHON" npm; do
  command -v "$tool" >/dev/null || {
    echo "install-hub.sh: $tool is missing (Debian: apt-get install python3-venv nodejs npm)." >&2
    exit 1
  }
done

# A fingerprint of files' contents (names and bytes), to tell when an environment is stale.
fingerprint() { (cd "$HERE" && find "$@" -type f -not -path '*/__pycache__/*' -print0 |
  sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }
is_current() { [ -f "$1/.installed" ] && [ "$(cat "$1/.installed")" = "$2" ]; }

# make_env DIR DEPS COURSE PACKAGE...: a venv from $PYTHON with the hub's and course's locks
# and PACKAGE... (the course, the answer key). Rebuilt whole when the locks or a pyproject
# change (DEPS); when only the course's code changed (COURSE), its packages alone are
# reinstalled, in seconds.
make_env() {
  local dir=$1 deps=$2 code=$3
  shift 3
  local pip=("$dir/bin/pip" --disable-pip-version-check --quiet install)
  if ! is_current "$dir" "$deps"; then
    echo "Building $dir"
    rm -rf "$dir"
    "$PYTHON" -m venv "$dir"
    "${pip[@]}" --constraint "$HERE/constraints.txt" --requirement "$HUB/requirements.txt" "$@"
    echo "$deps" >"$dir/.installed"
  elif [ "$(cat "$dir/.code" 2>/dev/null)" != "$code" ]; then
    echo "Updating the course in $dir"
    "${pip[@]}" --no-deps --force-reinstall "$@"
  else
    echo "$dir is up to date"
  fi
  echo "$code" >"$dir/.code"
}

install -d -m 0755 "$SITE"
install -d -m 0700 "$SITE/state"
install -d -m 1777 "$SITE/exchange"
install -m 0644 "$HUB/jupyterhub_config.py" "$SITE/jupyterhub_config.py"
getent group "$GRADERS" >/dev/null || groupadd --system "$GRADERS"

make_env "$SITE/hub-env" "$(fingerprint constraints.txt deploy/hub/requirements.txt)" none

proxy_want=$(fingerprint deploy/hub/package.json deploy/hub/package-lock.json)
if ! is_current "$SITE/proxy" "$proxy_want"; then
  echo "Installing configurable-http-proxy into $SITE/proxy"
  rm -rf "$SITE/proxy"
  install -d -m 0755 "$SITE/proxy"
  cp "$HUB/package.json" "$HUB/package-lock.json" "$SITE/proxy/"
  npm ci --prefix "$SITE/proxy" --omit=dev --no-audit --no-fund --loglevel=error
  echo "$proxy_want" >"$SITE/proxy/.installed"
fi

# setuptools builds in the source tree (build/, *.egg-info): build from a private copy.
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
cp -r "$HERE/pyproject.toml" "$HERE/README.md" "$HERE/course" "$HERE/answer_key" "$src/"
# Only the declared dependencies of the two pyprojects (not their tool settings) rebuild whole.
declared() { (cd "$HERE" && "$PYTHON" -c 'import sys, tomllib
for name in sys.argv[1:]:
    project = tomllib.load(open(name, "rb"))["project"]
    print(project.get("dependencies"), project.get("optional-dependencies"))' \
  pyproject.toml answer_key/pyproject.toml); }
deps=$( (fingerprint constraints.txt deploy/hub/requirements.txt && declared) | sha256sum | cut -c1-16)
code=$(fingerprint pyproject.toml README.md course answer_key)
make_env "$SITE/trainee-env" "$deps" "$code" "$src"
make_env "$SITE/grader-env" "$deps" "$code" "$src" "$src/answer_key"
# Run from / so nothing can be imported from a checkout: what the environments hold is tested.
(cd / && "$SITE/trainee-env/bin/python" -c "import course, nbgrader, jupyterhub, jupyterlab")
if (cd / && "$SITE/trainee-env/bin/python" -c "import answer_key" 2>/dev/null); then
  echo "install-hub.sh: the answer key is importable in $SITE/trainee-env" >&2
  exit 1
fi
(cd / && "$SITE/grader-env/bin/python" -c "import answer_key, course")
chgrp "$GRADERS" "$SITE/grader-env"
chmod 0750 "$SITE/grader-env"

# Trainees' servers read this folder first (JUPYTER_CONFIG_PATH, set by the hub config): the
# course's own trainee settings (course.lab, as `alliance-course lab` on JupyterHub writes
# them: no Formgrader, Create Assignment or course list) and the exchange's nbgrader config.
install -d -m 0755 "$SITE/jupyter"
install -m 0644 "$HUB/nbgrader_config.py" "$SITE/jupyter/nbgrader_config.py"
(cd / && "$SITE/trainee-env/bin/python" -c \
  "import sys; from pathlib import Path; from course.lab import write_trainee_config;
write_trainee_config(Path(sys.argv[1]), exchange=True)" "$SITE/jupyter")
chmod -R a+rX "$SITE/jupyter"
echo "JupyterHub site ready in $SITE"
