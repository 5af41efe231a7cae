#!/bin/sh
# Starts the machine's PostgreSQL cluster if it is not accepting connections (CI and the `postgres` test project need
# it at 127.0.0.1:5432, or TEST_POSTGRES_URL's host and port). Idempotent: does nothing when it already runs.
set -eu
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$host" -p "$port"; then exit 0; fi
if [ ! -d /etc/postgresql ]; then
  # A machine without PostgreSQL (CI runs as root): Debian's, with the tests' local trust login on the loopback only.
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  for hba in /etc/postgresql/*/main/pg_hba.conf; do
    sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$hba"
  done
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
pg_ctlcluster --skip-systemctl-redirect "$version" main start
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
  if pg_isready -q -h "$host" -p "$port"; then exit 0; fi
  sleep 0.5
done
echo "PostgreSQL did not start at $host:$port" >&2
exit 1
