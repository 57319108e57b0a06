#!/usr/bin/env bash
# Set up, index the shipped corpus/ and serve Vraagbaak on http://127.0.0.1:5000 (Ctrl-C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Incremental: a second run only re-reads what changed. Exit status 1 (a file skipped) is reported
# above by name and does not stop the server from starting.
.venv/bin/vraagbaak index corpus/ || [ $? -eq 1 ]
exec .venv/bin/vraagbaak-web
