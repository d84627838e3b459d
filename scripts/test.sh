#!/usr/bin/env bash
# Runs every test: unit tests, then integration tests that boot real guests through libvirt.
# Sets up the host first (idempotent), so a fresh Debian 12 machine needs nothing else.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/setup-host.sh"
cd "$ROOT"
exec mvn -B -ntp verify "$@"
