#!/usr/bin/env bash
# The development site on http://127.0.0.1:8000 with a django-q2 worker beside it.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
.venv/bin/python manage.py qcluster &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT INT TERM
echo "Medvirk kjører på http://127.0.0.1:$PORT/ (administrasjon: /admin/). Ctrl-C stopper."
.venv/bin/python manage.py runserver "127.0.0.1:$PORT"
