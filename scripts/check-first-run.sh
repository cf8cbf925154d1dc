#!/usr/bin/env bash
# Proves the first-run path of `make run`: a fresh SQLite database is migrated, the demo
# loaded, and the site with its task worker answers on / , /admin/login/ and /helse/.
set -euo pipefail
cd "$(dirname "$0")/.."
workdir="$(mktemp -d)"
port="${PORT:-8765}"
export DATABASE_URL="sqlite:///$workdir/medvirk.sqlite3"
export PORT="$port"

make --no-print-directory setup

setsid scripts/serve-dev.sh >"$workdir/serve.log" 2>&1 &
server=$!
cleanup() {
    # Stop it as Ctrl-C would (SIGINT to the whole group), then make sure nothing is left.
    kill -INT -- "-$server" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 -- "-$server" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
}
trap cleanup EXIT

for _ in $(seq 1 60); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/helse/" && break
    sleep 1
done
status=0
for path in / /admin/login/ /helse/; do
    code="$(curl -sL -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")"
    echo "første kjøring / first run: GET $path -> $code"
    [ "$code" = "200" ] || status=1
done
pgrep -g "$server" -f "manage.py qcluster" >/dev/null || { echo "task worker is not running" >&2; status=1; }
if [ "$status" -ne 0 ]; then
    echo "--- server log ---"; cat "$workdir/serve.log"
fi
exit "$status"
