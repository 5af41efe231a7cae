// The PostgreSQL part of the report (engine-postgres.ts, http-postgres.ts): its tables and its target, kept beside
// report.ts rather than in it so the SQLite report reads as it did.
import type { EnginePostgresResult } from "./engine-postgres";
import type { HttpResult } from "./http";
import type { HttpPostgresResult, InstancesLoad } from "./http-postgres";

export interface PostgresMeasurements {
  enginePg?: EnginePostgresResult;
  httpPg?: HttpPostgresResult;
  /** The SQLite HTTP figure of the same run, shown beside PostgreSQL's. */
  http?: HttpResult;
}

interface PostgresTarget {
  what: string;
  target: string;
  value: string;
  met: boolean;
  missedBy: string | null;
}

export function postgresTargets(m: PostgresMeasurements): PostgresTarget[] {
  if (!m.enginePg) return [];
  const value = m.enginePg.ratioToFloor;
  const met = value >= 0.5;
  return [
    {
      what: "Engine throughput on PostgreSQL / raw pg floor",
      target: "≥ 0.5",
      value: `${value}`,
      met,
      missedBy: met ? null : `needs ${Number((0.5 / value).toFixed(2))}× the measured figure`,
    },
  ];
}

const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join(
    "\n",
  );

const sessionsOf = (l: InstancesLoad) =>
  Object.entries(l.sessions ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([what, n]) => `${what} ${n}`)
    .join(", ");

const pct = (share: number) => `${Math.round(share * 100)}%`;

export function formatPostgres(m: PostgresMeasurements): string[] {
  const out: string[] = [];
  if (m.enginePg) {
    const e = m.enginePg;
    const s = e.setup;
    out.push(
      `\n## PostgreSQL: engine throughput (in-process, fresh database on the local server; ${s.representatives} representatives + ${s.aiAgents} AI agents, ${s.method}; median of ${s.rounds} round(s) of ${s.secondsPerRound} s, ${s.concurrency} calls in flight, pools of ${s.poolSize} connections)`,
    );
    const mid = e.rounds[Math.floor(e.rounds.length / 2)];
    out.push(
      table(
        ["variant", "assignments/s", "ratio to floor", "p50 ms", "p99 ms"],
        [
          [
            "floor: raw pg, same reads, decision and rows, 1 transaction",
            e.perSecond.floor,
            1,
            mid?.floor.latencyMs.p50 ?? "",
            mid?.floor.latencyMs.p99 ?? "",
          ],
          [
            "engine: startConversation (Prisma path, pg adapter)",
            e.perSecond.engine,
            e.ratioToFloor,
            mid?.engine.latencyMs.p50 ?? "",
            mid?.engine.latencyMs.p99 ?? "",
          ],
        ],
      ),
    );
    const p = e.profile;
    const roundTrips = (p.statementsPerAssignment * e.roundTripUs) / 1000;
    out.push(
      `\nWhere the engine's time goes on PostgreSQL (${p.assignments} sequential calls on a traced client): ${p.wallMsPerAssignment} ms each, ` +
        `${p.statementsPerAssignment} statements, each a round trip; ${p.driverMsPerAssignment} ms waiting on them ` +
        `(of which ≈ ${Number(roundTrips.toFixed(2))} ms is ${p.statementsPerAssignment} bare round trips at ${e.roundTripUs} µs, a \`SELECT 1\`; the rest is PostgreSQL working, COMMIT's WAL flush included), ` +
        `${Number((p.wallMsPerAssignment - p.driverMsPerAssignment).toFixed(2))} ms (${pct(p.outsideSqliteShare)}) in this process between them (Prisma + engine); transaction open ${p.transactionMsPerAssignment} ms.`,
    );
    out.push(
      table(
        ["statement (in order)", "per assignment", "round trip µs", "µs before it (Prisma + engine)"],
        p.statements.map((row) => [row.statement, row.perAssignment, row.driverUs, row.beforeUs]),
      ),
    );
    out.push(
      `\nCPU profile of the same loop (this process; idle = waiting for PostgreSQL): ${Object.entries(e.cpu)
        .map(([k, v]) => `${k} ${pct(v)}`)
        .join(", ")}. ` +
        `CPU time of this process per sequential assignment (process.cpuUsage): engine ${e.clientCpuMsPerAssignment.engine} ms, floor ${e.clientCpuMsPerAssignment.floor} ms.`,
    );
  }
  if (m.httpPg) {
    const h = m.httpPg;
    const row = (name: string, l: Pick<InstancesLoad, "perSecond" | "latencyMs" | "requests">, failed: number) => [
      name,
      l.perSecond,
      l.latencyMs.p50,
      l.latencyMs.p99,
      l.latencyMs.max,
      failed,
    ];
    const failed = (l: InstancesLoad) => l.perInstance.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
    out.push(
      `\n## PostgreSQL: HTTP create → assigned (next start over one database, loopback, autocannon in the same machine, ${h.one.connections} connections in all, ${h.one.seconds} s)`,
    );
    const sqlite = m.http?.startConversation;
    out.push(
      table(
        ["setup", "requests/s", "p50 ms", "p99 ms", "max ms", "failed"],
        [
          ...(sqlite
            ? [row("SQLite, 1 instance (section 2, same run)", sqlite, sqlite.non2xx + sqlite.errors + sqlite.timeouts)]
            : []),
          row("PostgreSQL, 1 instance", h.one, failed(h.one)),
          row(
            "PostgreSQL, 2 instances (connections split, summed; worse instance's percentiles)",
            h.two,
            failed(h.two),
          ),
          ...h.two.perInstance.map((l, i) => row(`… instance ${i + 1} (${l.connections} connections)`, l, 0)),
        ],
      ),
    );
    out.push(
      `\nPostgreSQL sessions during the timed run (mean per 250 ms sample): one instance ${sessionsOf(h.one)}; two instances ${sessionsOf(h.two)}.`,
    );
    out.push(
      `Two instances over one: ${h.scaling}×. Assigned in the response: ${h.one.assignedInResponse}/${h.one.requests} and ${h.two.assignedInResponse}/${h.two.requests}.`,
    );
  }
  return out;
}
