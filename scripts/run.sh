#!/usr/bin/env bash
# Set up, index the shipped corpus/ and serve Vraagbaak on http://127.0.0.1:5000 (Ctrl-C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Incremental: a second run only re-reads what changed. Exit status 1 (a file skipped, named
# above) does not stop the server; 3 means the index was made by an older version: rebuild it.
status=0
.venv/bin/vraagbaak index corpus/ || status=$?
if [ "$status" -eq 3 ]; then
  echo "De index is van een eerdere versie; hij wordt opnieuw opgebouwd …"
  status=0
  .venv/bin/vraagbaak index corpus/ --rebuild || status=$?
fi
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  exit "$status"
fi
exec .venv/bin/vraagbaak-web
