#!/usr/bin/env bash
# Install Debian packages the project needs, only when their command is missing.
# Usage: ensure-system-packages.sh gettext chromium
set -euo pipefail
declare -A command_for=([gettext]=msgfmt [chromium]=chromium [postgresql]=pg_ctlcluster [poppler-utils]=pdftoppm)
missing=()
for package in "$@"; do
    command -v "${command_for[$package]:-$package}" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installerer systempakker / installing system packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
