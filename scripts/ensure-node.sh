#!/usr/bin/env bash
# Install node and npm from Debian when missing (as ensure-system-packages.sh does for chromium),
# then the front-end packages with `npm ci` when package-lock.json changed since the last install.
# `npm ci` copies Designsystemet's CSS into static/vendor/designsystemet/ (postinstall).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "Installerer node og npm / installing node and npm"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
fi
stamp="node_modules/.installed-$(md5sum package-lock.json | cut -c1-8)"
if [ ! -f "$stamp" ] || [ ! -f static/vendor/designsystemet/designsystemet.css ]; then
    # Only the CSS is needed to run and test the site; the theme CLI is a dev tool (`npm run theme`).
    npm ci --omit=dev --no-audit --no-fund --loglevel=error
    touch "$stamp"
fi
