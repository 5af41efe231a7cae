#!/usr/bin/env bash
# Starts N production instances of Switchboard over one PostgreSQL database, on consecutive ports.
#
#   DATABASE_URL=postgresql://… BETTER_AUTH_SECRET=… SWITCHBOARD_PUBLIC_URL=https://chat.example.com \
#     bash scripts/start-instances.sh 2 3000        # → instances on ports 3000 and 3001
#
# Any instance serves any request and any event stream (live events cross instances through PostgreSQL
# LISTEN/NOTIFY: docs/decisions/011-live-events-across-instances.md), so a load balancer in front may spread them
# freely; README "Running on PostgreSQL with several instances" says what it must do for the streams.
# HOST (default 0.0.0.0) is the address the instances listen on. Every other variable the server reads (README
# "Configuration") is passed on to each instance as it is. Ctrl-C or SIGTERM stops them all. An instance that dies is
# reported and the others go on serving; the script ends when none is left.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-}"
first_port="${2:-3000}"
usage="usage: bash scripts/start-instances.sh <instances> [first port, default 3000]"
if ! [[ "$count" =~ ^[1-9][0-9]?$ ]]; then
  echo "$usage (instances: 1 to 99, got '${count}')" >&2
  exit 2
fi
if ! [[ "$first_port" =~ ^[0-9]+$ ]] || ((first_port < 1 || first_port + count - 1 > 65535)); then
  echo "$usage (ports: $first_port…$((first_port + count - 1)) are not all between 1 and 65535)" >&2
  exit 2
fi
# Several instances need one database they all reach: a SQLite file belongs to one process (ADR 003).
if ! [[ "${DATABASE_URL:-}" =~ ^postgres(ql)?:// ]]; then
  echo "DATABASE_URL must name a PostgreSQL database (postgresql://…): several instances cannot share a SQLite file" >&2
  exit 2
fi
if [ -z "${BETTER_AUTH_SECRET:-}" ]; then
  echo "BETTER_AUTH_SECRET must be set, the same for every instance (e.g. \`openssl rand -base64 32\`)" >&2
  exit 2
fi
if [ -z "${SWITCHBOARD_PUBLIC_URL:-}" ]; then
  echo "note: SWITCHBOARD_PUBLIC_URL is not set: each instance names itself (http://127.0.0.1:<port>) to bots" >&2
fi

export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
[ -f .next/BUILD_ID ] || node node_modules/next/dist/bin/next build

pids=()
stop_all() {
  trap - INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
  exit "${1:-0}"
}
trap 'stop_all 0' INT TERM

for ((i = 0; i < count; i++)); do
  port=$((first_port + i))
  # node itself (not npx): the pid we keep is the server's, so stopping it leaves no orphan (toolchain pitfall 6).
  # Each line of its output is prefixed with its port.
  PORT="$port" node node_modules/next/dist/bin/next start -p "$port" -H "${HOST:-0.0.0.0}" \
    > >(sed -u "s/^/[$port] /") 2> >(sed -u "s/^/[$port] /" >&2) &
  pids+=("$!")
done

# Ready when every instance answers its health check (each migrates the database at start; they take turns).
for ((i = 0; i < count; i++)); do
  port=$((first_port + i))
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/api/health" 2>/dev/null; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "the instance on port $port exited before it was ready: stopping the others" >&2
      stop_all 1
    fi
    sleep 0.2
  done
  echo "instance $((i + 1))/$count ready on port $port (pid ${pids[$i]})"
done

# Wait for each instance in turn; `wait` returns early on a signal, and the trap stops the rest.
for i in "${!pids[@]}"; do
  status=0
  wait "${pids[$i]}" || status=$?
  echo "the instance on port $((first_port + i)) exited ($status)" >&2
done
