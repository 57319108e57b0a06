#!/usr/bin/env bash
# Shared by run.sh and test.sh: make the virtual environment and install Vraagbaak into it.
# Re-running is cheap: pip only installs what is missing. pip's output (setuptools prints
# pages of build warnings for an editable install) goes to .venv/install.log and is shown
# only when the install fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "Making the virtual environment in .venv/ …"
  "$PYTHON" -m venv .venv
fi
echo "Installing Vraagbaak and its pinned dependencies …"
if ! .venv/bin/python -m pip install --disable-pip-version-check -e ".${1:-}" > .venv/install.log 2>&1; then
  cat .venv/install.log >&2
  echo "Installation failed (full log above, also in .venv/install.log)." >&2
  exit 1
fi
