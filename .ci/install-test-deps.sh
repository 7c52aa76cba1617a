#!/usr/bin/env bash
# Installs what the test suites need on a clean machine. Idempotent: installs only what is missing.
#  - python3-azure: Microsoft's azure-servicebus client, the conformance peer for the embedded broker.
#  - python3-hl7: its mllp_send command, an MLLP client peer for the hub's server (tests/IntegrationHub.Interop.Tests).
#  - nodejs + npm: node-hl7-client / node-hl7-server peers, pinned by tests/interop/node/package-lock.json.
#  - chromium: the browser the dashboard tests drive with Playwright (/usr/bin/chromium; Playwright never downloads one).
#  - a C toolchain (clang, or gcc if present) and zlib1g-dev: the native-code publish of the services links with them
#    (.ci/aot-publish.sh; tests/IntegrationHub.EndToEnd/NativeServicesTests.cs).
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(python3 python3-azure python3-hl7 chromium zlib1g-dev)
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || packages+=(clang)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when node_modules was not installed from this exact lock file (a stamp holds the lock's hash).
node_peers=tests/interop/node
lock_hash=$(sha256sum "$node_peers/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$node_peers/node_modules/.installed-from-lock" 2>/dev/null)" != "$lock_hash" ]; then
    echo "installing node peers (npm ci in $node_peers)"
    (cd "$node_peers" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_hash" > "$node_peers/node_modules/.installed-from-lock"
fi
