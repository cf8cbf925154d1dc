#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 for the test suite:
# install it when absent, start the local cluster when it is down.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/ensure-system-packages.sh" postgresql

if pg_isready -q -h 127.0.0.1 -p 5432; then
    exit 0
fi
version="$(ls /etc/postgresql | sort -V | tail -n 1)"
echo "Starter PostgreSQL $version / starting PostgreSQL $version"
pg_ctlcluster --skip-systemctl-redirect "$version" main start
for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && exit 0
    sleep 1
done
echo "PostgreSQL svarer ikke på 127.0.0.1:5432 / PostgreSQL does not answer" >&2
exit 1
