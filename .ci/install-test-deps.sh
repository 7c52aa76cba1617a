#!/usr/bin/env bash
# Installs what the test suites need on a clean machine. Idempotent: skips what is already there.
set -euo pipefail
need_apt=()
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
fi
