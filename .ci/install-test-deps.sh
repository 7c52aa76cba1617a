#!/usr/bin/env bash
# Installs what the test suites need on a clean machine. Idempotent: installs only what is missing.
#  - python3-azure: Microsoft's azure-servicebus client, the conformance peer for the embedded broker.
#  - chromium: the browser the dashboard tests drive with Playwright (/usr/bin/chromium; Playwright never downloads one).
set -euo pipefail
packages=(python3 python3-azure chromium)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
