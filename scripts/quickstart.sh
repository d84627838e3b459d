#!/usr/bin/env bash
# Sets up whatever this Debian 12 host is missing, then launches a real guest from the default AMI and shows
# the running instance, its console boot marker, and where its disk and network I/O go.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
"$ROOT/scripts/setup-host.sh"
exec "$ROOT/labvisor" quickstart "$@"
