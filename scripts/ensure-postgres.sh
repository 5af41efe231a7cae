#!/bin/sh
# Starts the machine's PostgreSQL cluster if it is not accepting connections (CI and the `postgres` test project need
# it at 127.0.0.1:5432, or TEST_POSTGRES_URL's host and port). Idempotent: does nothing when it already runs.
set -eu
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
if pg_isready -q -h "$host" -p "$port"; then exit 0; fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
pg_ctlcluster --skip-systemctl-redirect "$version" main start
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
  if pg_isready -q -h "$host" -p "$port"; then exit 0; fi
  sleep 0.5
done
echo "PostgreSQL did not start at $host:$port" >&2
exit 1
