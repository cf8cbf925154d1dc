#!/usr/bin/env bash
# Install node and npm from Debian when missing (as ensure-system-packages.sh does for chromium),
# then the front-end packages with `npm ci` when package-lock.json changed since the last install.
# `npm ci` copies Designsystemet's CSS into static/vendor/designsystemet/ (postinstall).
# `--with-dev` (make test) adds the dev dependencies: the tests' independent verifier of the
# Open Badges credentials (tests/certificates/verify_credentials.mjs) and the theme CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "Installerer node og npm / installing node and npm"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
fi
lock="node_modules/.installed-$(md5sum package-lock.json | cut -c1-8)"
if [ "${1:-}" = "--with-dev" ]; then
    if [ ! -f "$lock-dev" ] || [ ! -f static/vendor/designsystemet/designsystemet.css ]; then
        npm ci --no-audit --no-fund --loglevel=error
        touch "$lock-dev" "$lock"
    fi
elif [ ! -f "$lock" ] || [ ! -f static/vendor/designsystemet/designsystemet.css ]; then
    # Only the CSS is needed to run the site; the theme CLI is a dev tool (`npm run theme`).
    npm ci --omit=dev --no-audit --no-fund --loglevel=error
    touch "$lock"
fi
