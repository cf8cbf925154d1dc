#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 for the test suite:
# install it when absent, start the local cluster when it is down, and make sure the
# `postgres` role can log in over TCP with the password the test URL uses (a fresh
# Debian install asks for one; this machine's trust setup ignores it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/ensure-system-packages.sh" postgresql

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    echo "Starter PostgreSQL $version / starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 30); do
        pg_isready -q -h 127.0.0.1 -p 5432 && break
        sleep 1
    done
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "PostgreSQL svarer ikke på 127.0.0.1:5432 / PostgreSQL does not answer" >&2
    exit 1
fi
if ! PGPASSWORD=postgres psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1" >/dev/null 2>&1; then
    runuser -u postgres -- psql -q -c "ALTER ROLE postgres PASSWORD 'postgres'"
fi
