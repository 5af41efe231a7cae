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
# A second site the consoles may be served from (behind another name); e2e/api/edge.spec.ts signs writes from it.
export SWITCHBOARD_TRUSTED_ORIGINS="https://console.e2e.test"
export TIMER_INTERVAL_MS=100
export AUTH_RATE_LIMIT=off # every test signs in from 127.0.0.1
export LOG_LEVEL="${LOG_LEVEL:-warn}"
export NEXT_TELEMETRY_DISABLED=1
[ -f .next/BUILD_ID ] || npx next build
# Staff accounts for the tests; their API keys are read by e2e/support/api.ts.
for role in admin supervisor; do
  npx tsx scripts/create-account.ts --email "$role@e2e.test" --password "e2e-$role-password" --role "$role" --name "E2E ${role^}" --api-key \
    | tail -n 1 > "$dir/$role.key"
done
# exec node itself (not npx): stopping this process then stops the server, leaving no orphan. The server keeps this
# pid, so the tests can read its memory (/proc/<pid>/status) while they push oversized bodies at it.
echo $$ > "$dir/server.pid"
exec node node_modules/next/dist/bin/next start -p "$port" -H 127.0.0.1
