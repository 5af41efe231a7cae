#!/usr/bin/env bash
# Starts the real production server on a fresh SQLite file for the end-to-end tests.
# The server migrates the empty database itself at start, as it would on an upgrade.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${E2E_PORT:-3100}"
dir=".tmp/e2e-$port"
rm -rf "$dir" && mkdir -p "$dir"
export DATABASE_URL="file:./$dir/switchboard.db"
export SWITCHBOARD_PUBLIC_URL="http://127.0.0.1:$port"
export TIMER_INTERVAL_MS=100
export LOG_LEVEL="${LOG_LEVEL:-warn}"
export NEXT_TELEMETRY_DISABLED=1
[ -f .next/BUILD_ID ] || npx next build
exec npx next start -p "$port" -H 127.0.0.1
