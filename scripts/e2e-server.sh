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
# The tests' bots all listen on this machine; anything else must be refused (e2e/api/bot-credentials.spec.ts).
export SWITCHBOARD_BOT_HOSTS="127.0.0.1,localhost"
export AUTH_RATE_LIMIT=off # Better Auth's per-address request limit: every test calls it from 127.0.0.1
# Every customer in the tests comes from 127.0.0.1: per-address limits far above what the suite does. The limits
# themselves are tested on servers of their own (e2e/api/limits.spec.ts).
export SWITCHBOARD_LIMIT_STARTS_PER_MINUTE=1000000
export SWITCHBOARD_LIMIT_STREAMS_PER_CONVERSATION=100000
export SWITCHBOARD_LIMIT_STREAMS_PER_CLIENT=1000000
# Every browser test signs in from 127.0.0.1 and some fail on purpose: the per-address sign-in lock is raised here and
# tested on servers of its own (limits.spec.ts). The per-account lock stays as it is.
export SWITCHBOARD_SIGNIN_FAILURES_PER_ADDRESS=1000000
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
