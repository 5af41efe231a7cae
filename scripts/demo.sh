#!/usr/bin/env bash
# One command on a fresh machine: install, migrate the embedded SQLite database,
# seed the demo (the queues and agents of both reference flows), build and serve
# the console at http://localhost:3000 (PORT overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# better-sqlite3 compiles here; on Debian its Node headers live under /usr.
[ -d /usr/include/node ] && export npm_config_nodedir="${npm_config_nodedir:-/usr}"
export DATABASE_URL="${DATABASE_URL:-file:./data/switchboard.db}"

npm install --no-audit --no-fund
npm run db:generate
npm run db:seed          # applies pending migrations first; seeds only an empty database
npx next build
exec npx next start -p "${PORT:-3000}"
