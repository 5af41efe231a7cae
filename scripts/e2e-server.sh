#!/usr/bin/env bash
# Starts the real production server on a fresh database for the end-to-end tests: a SQLite file, or with
# E2E_DATABASE=postgres a PostgreSQL database of its own (sb_e2e_<port>, on TEST_POSTGRES_URL's server), dropped when
# the server stops. The server migrates the empty database itself at start, as it would on an upgrade.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${E2E_PORT:-3100}"
dir=".tmp/e2e-$port"
rm -rf "$dir" && mkdir -p "$dir"
case "${E2E_DATABASE:-sqlite}" in
  sqlite) export DATABASE_URL="file:./$dir/switchboard.db" ;;
  postgres)
    sh scripts/ensure-postgres.sh
    database="${E2E_POSTGRES_PREFIX:-sb_e2e_}$port"
    DATABASE_URL=$(npx tsx scripts/e2e-database.ts create "$database")
    export DATABASE_URL
    server=""
    # Stopped by a signal (Playwright sends SIGTERM to the whole group, see playwright.config.ts), or exiting on an
    # error: the server goes first, then its database. A run killed outright leaves it: the next start drops it.
    trap 'set +e; kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; npx tsx scripts/e2e-database.ts drop "$database"' EXIT
    trap 'exit 143' TERM INT
    # Required on PostgreSQL (no file to keep a generated key beside); one per run.
    export BETTER_AUTH_SECRET="${BETTER_AUTH_SECRET:-$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')}"
    ;;
  *) echo "E2E_DATABASE must be sqlite or postgres, not ${E2E_DATABASE}" >&2 && exit 2 ;;
esac
# Where the tests find the database to check it themselves (e2e/support/database.ts).
echo "$DATABASE_URL" > "$dir/database-url"
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
# The metrics endpoint on (it is off without a token); e2e/api/metrics.spec.ts reads the token here and tests the
# endpoint switched off on a server of its own.
export SWITCHBOARD_METRICS_TOKEN="$(node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))')"
echo "$SWITCHBOARD_METRICS_TOKEN" > "$dir/metrics.token"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
export NEXT_TELEMETRY_DISABLED=1
[ -f .next/BUILD_ID ] || npx next build
# Staff accounts for the tests; their API keys are read by e2e/support/api.ts.
for role in admin supervisor; do
  npx tsx scripts/create-account.ts --email "$role@e2e.test" --password "e2e-$role-password" --role "$role" --name "E2E ${role^}" --api-key \
    | tail -n 1 > "$dir/$role.key"
done
start=(node node_modules/next/dist/bin/next start -p "$port" -H 127.0.0.1)
if [ -z "${database:-}" ]; then
  # exec node itself (not npx): stopping this process then stops the server, leaving no orphan. The server keeps this
  # pid, so the tests can read its memory (/proc/<pid>/status) while they push oversized bodies at it.
  echo $$ > "$dir/server.pid"
  exec "${start[@]}"
fi
# PostgreSQL: this shell stays to drop the database afterwards (the trap above); the pid file names the server.
"${start[@]}" &
server=$!
echo "$server" > "$dir/server.pid"
wait "$server"
