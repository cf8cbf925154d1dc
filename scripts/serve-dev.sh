#!/usr/bin/env bash
# The development site on http://127.0.0.1:8000 with a django-q2 worker beside it.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
.venv/bin/python manage.py qcluster &
worker=$!
# SIGTERM goes to qcluster's main process only: signalled as a whole process group with
# TERM, its sentinel waits forever for children that are already gone.
stop_worker() { kill -TERM "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true; }
trap stop_worker EXIT
echo "Medvirk kjører på http://127.0.0.1:$PORT/ (administrasjon: /admin/). Ctrl-C stopper."
.venv/bin/python manage.py runserver "127.0.0.1:$PORT"
