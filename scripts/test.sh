#!/usr/bin/env bash
# Set up and run the whole test suite: unit, integration (Flask test client) and browser
# (real server + headless Chromium). Installs Debian's chromium when it is missing (needs root,
# as in CI); Playwright's own browser download does not work offline, so it is never used.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh "[test]"   # the test extra includes locust, for tests/reliability/test_load.py
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's chromium for the browser tests…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need /usr/bin/chromium: run 'sudo apt-get install chromium' first." >&2
    exit 2
  fi
fi
# setup.cfg deselects the long reliability runs (-m "not slow"); pass -m slow to run them.
exec .venv/bin/python -m pytest "$@"
