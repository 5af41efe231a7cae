// Turns the measurements into the printed table (Markdown, so it pastes into docs/performance.md) and the
// target checks. Targets are ratios against a floor measured in the same run, or latency budgets; they are
// reported, never enforced: only broken invariants and failed checks make the run fail.
import type { DrainResult } from "./drain";
import type { EngineResult } from "./engine-throughput";
import type { GrowthResult } from "./growth";
import type { HandbackResult } from "./handback";
import type { HttpResult } from "./http";
import type { Machine } from "./lib/machine";
import { raisedLimits } from "./lib/server";
import type { LiveAcrossResult } from "./live-across-instances";
import type { LiveResult } from "./live-delivery";
import { formatPostgres, type PostgresMeasurements, postgresTargets } from "./report-postgres";

export interface Results {
  mode: "full" | "smoke";
  startedAt: string;
  durationSeconds: number;
  machine: Machine & { loadAverageAtEnd: number[] };
  measurements: {
    engine?: EngineResult;
    http?: HttpResult;
    live?: LiveResult;
    growth?: GrowthResult;
    drain?: DrainResult;
    liveAcross?: LiveAcrossResult;
    handback?: HandbackResult;
  } & PostgresMeasurements;
  failures: { measurement: string; error: string }[];
  targets: Target[];
  violations: string[];
}

export interface Target {
  what: string;
  target: string;
  value: string;
  met: boolean;
  /** How far from the target, when missed. */
  missedBy: string | null;
}

const x = (n: number, digits = 2) => `${Number(n.toFixed(digits))}`;

function atLeast(what: string, value: number, target: number, unit = "×"): Target {
  const met = value >= target;
  return {
    what,
    target: `≥ ${target}${unit === "×" ? "" : ` ${unit}`}`,
    value: x(value, 3),
    met,
    missedBy: met ? null : `needs ${x(target / value, 2)}× the measured figure`,
  };
}

function atMost(what: string, value: number, target: number, unit: string): Target {
  const met = value <= target;
  return {
    what,
    target: `≤ ${target}${unit}`,
    value: `${x(value, 2)}${unit}`,
    met,
    missedBy: met ? null : `${x(value / target, 1)}× over (${x(value - target, 1)}${unit} too much)`,
  };
}

export function evaluateTargets(m: Results["measurements"]): Target[] {
  const targets: Target[] = [];
  if (m.engine)
    targets.push(atLeast("Engine throughput / raw better-sqlite3 floor", m.engine.ratioToFloor.engine, 0.5));
  if (m.http) {
    targets.push(atLeast("HTTP POST /api/conversations / no-op route throughput", m.http.ratioToNoop, 0.5));
    const p99 = atMost("HTTP POST /api/conversations p99 latency", m.http.startConversation.latencyMs.p99, 50, " ms");
    // With 100 closed-loop connections latency ≈ 100 ÷ throughput: the no-op route's own p99 is the floor here.
    p99.value += ` (no-op route: ${x(m.http.noop.latencyMs.p99, 2)} ms)`;
    targets.push(p99);
  }
  if (m.live) targets.push(atMost("Live delivery p99 (POST → other side's stream)", m.live.deliveryMs.p99, 50, " ms"));
  if (m.liveAcross)
    targets.push(
      atMost(
        "Live delivery p99 across 2 PostgreSQL instances (POST on one → stream on the other)",
        m.liveAcross.deliveryMs.p99,
        50,
        " ms",
      ),
    );
  if (m.growth) {
    const g = m.growth;
    const members = `${g.members[0].members} → ${g.members[1].members} members`;
    const stored = `${g.conversations[0].storedConversations} → ${g.conversations[1].storedConversations} stored conversations`;
    // Both paths: the fast path serves every new conversation; the general one transfers and waiting conversations.
    targets.push(atMost(`Assignment cost growth, ${members} (fast path)`, g.membersGrowth, 1.5, "×"));
    targets.push(atMost(`Assignment cost growth, ${members} (general path)`, g.membersGrowthGeneral, 1.5, "×"));
    targets.push(atMost(`Assignment cost growth, ${stored} (fast path)`, g.conversationsGrowth, 1.5, "×"));
    targets.push(atMost(`Assignment cost growth, ${stored} (general path)`, g.conversationsGrowthGeneral, 1.5, "×"));
  }
  if (m.handback) {
    const h = m.handback;
    targets.push(
      atMost(
        "Transfer into a queue → assigned, over a new conversation → assigned (p50)",
        h.fast.ratio.transfer,
        1.5,
        "×",
      ),
    );
    targets.push(
      atMost(
        "AI agent's escalation → assigned, over a new conversation → assigned (p50)",
        h.fast.ratio.escalation,
        1.5,
        "×",
      ),
    );
  }
  if (m.drain) {
    const ok =
      m.drain.overCapacity.length === 0 && m.drain.assigned === Math.min(m.drain.totalCapacity, m.drain.waiting);
    targets.push({
      what: "Drain: everyone who fits assigned, nobody over capacity",
      target: "all fit, 0 over",
      value: `${m.drain.assigned}/${Math.min(m.drain.totalCapacity, m.drain.waiting)}, ${m.drain.overCapacity.length} over`,
      met: ok,
      missedBy: ok ? null : "correctness failure",
    });
  }
  targets.push(...postgresTargets(m));
  return targets;
}

const table = (head: string[], rows: (string | number)[][]) =>
  [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join(
    "\n",
  );

export function formatReport(r: Results): string {
  const out: string[] = [];
  const m = r.measurements;
  const mc = r.machine;
  out.push(`# Switchboard bench (${r.mode}) — ${r.startedAt}, ${x(r.durationSeconds, 0)} s`);
  out.push(
    `Machine: ${mc.cpu}, ${mc.cores} cores, ${mc.memoryGiB} GiB, ${mc.os}; Node ${mc.node}, SQLite ${mc.sqlite}, ` +
      `next ${mc.packages.next}, Prisma ${mc.packages["@prisma/client"]}, better-sqlite3 ${mc.packages["better-sqlite3"]}; ` +
      `commit ${mc.commit}${mc.uncommittedChanges ? " + uncommitted changes" : ""}; ` +
      `load average ${mc.loadAverageAtStart.join("/")} at start, ${mc.loadAverageAtEnd.join("/")} at end.`,
  );
  if (m.http || m.live) {
    const limits = Object.entries(raisedLimits).map(([name, value]) => `${name}=${value}`);
    out.push(
      `Rate limits: the bench's servers run with the per-address limits raised out of the way (${limits.join(", ")}), since every simulated customer connects from 127.0.0.1; the defaults would refuse most of this load from one address.`,
    );
  }

  if (m.engine) {
    const e = m.engine;
    out.push(
      `\n## 1. Engine throughput (in-process, WAL, synchronous=NORMAL; ${e.setup.representatives} representatives + ${e.setup.aiAgents} AI agents, ${e.setup.method}; median of ${e.setup.rounds} round(s) of ${e.setup.secondsPerRound} s, ${e.setup.concurrency} calls in flight)`,
    );
    const latest = (v: keyof EngineResult["perSecond"]) => e.rounds[Math.floor(e.rounds.length / 2)]?.[v].latencyMs;
    const names: Record<keyof EngineResult["perSecond"], string> = {
      floor: "floor: raw better-sqlite3, same rows, 1 sync transaction",
      engine: "engine: startConversation (one plan, applied synchronously: ADR 013)",
      rawPrisma: "prototype A: same SQL via Prisma $queryRawUnsafe in inTransaction",
      rawSharedConnection: "prototype B: same SQL, sync transaction on the adapter's connection",
    };
    out.push(
      table(
        ["variant", "assignments/s", "ratio to floor", "p50 ms", "p99 ms"],
        (Object.keys(names) as (keyof typeof names)[]).map((v) => [
          names[v],
          e.perSecond[v],
          x(e.ratioToFloor[v], 3),
          latest(v)?.p50 ?? "",
          latest(v)?.p99 ?? "",
        ]),
      ),
    );
    const p = e.profile;
    out.push(
      `\nWhere the general path's time goes — the same plan through Prisma, as PostgreSQL runs it (${p.assignments} sequential calls on a traced client): ${p.wallMsPerAssignment} ms each, ` +
        `${p.statementsPerAssignment} statements, ${p.driverMsPerAssignment} ms of it inside SQLite (prepare + run), ` +
        `transaction open ${p.transactionMsPerAssignment} ms; ${Math.round(p.outsideSqliteShare * 100)}% outside SQLite.`,
    );
    out.push(
      table(
        ["statement (in order)", "per assignment", "SQLite µs", "µs before it (Prisma + engine)"],
        p.statements.map((s) => [s.statement, s.perAssignment, s.driverUs, s.beforeUs]),
      ),
    );
    out.push(
      `\nCPU profile of the same loop: ${Object.entries(e.cpu)
        .map(([k, v]) => `${k} ${Math.round(v * 100)}%`)
        .join(", ")}.`,
    );
  }

  if (m.http) {
    const h = m.http;
    out.push(
      `\n## 2. HTTP end to end (next start, loopback, autocannon in the same machine, ${h.noop.connections} connections, ${h.noop.seconds} s each)`,
    );
    const row = (name: string, l: typeof h.noop) => [
      name,
      l.perSecond,
      l.latencyMs.p50,
      l.latencyMs.p99,
      l.latencyMs.max,
      l.non2xx + l.errors + l.timeouts,
    ];
    out.push(
      table(
        ["route", "requests/s", "p50 ms", "p99 ms", "max ms", "failed"],
        [
          row("POST /api/bench/noop", h.noop),
          row("POST /api/conversations (assigned in the response)", h.startConversation),
          ...(h.startConversationAtHalfRate
            ? [
                row(
                  `POST /api/conversations offered at ${h.startConversationAtHalfRate.offeredPerSecond}/s (open loop)`,
                  h.startConversationAtHalfRate,
                ),
              ]
            : []),
        ],
      ),
    );
    out.push(
      `\nRatio to no-op: ${x(h.ratioToNoop, 3)}. Assigned in the response: ${h.startConversation.assignedInResponse}/${h.startConversation.requests}. ` +
        `Server RSS: ${h.serverRssMiB.idle} MiB idle, ${h.serverRssMiB.afterNoop} after the no-op run, ${h.serverRssMiB.afterPosts} after the POST run.`,
    );
    out.push(
      "The no-op route is served only because the bench starts its server with SWITCHBOARD_BENCH_ROUTES=on; " +
        "a deployed server answers 404 there.",
    );
  }

  if (m.live) {
    const l = m.live;
    out.push(
      `\n## 3. Live delivery (${l.streams} open streams over ${l.conversations} conversations; ${l.messages.perSecond} messages/s for ${l.messages.seconds} s)`,
    );
    out.push(
      table(
        ["measure", "n", "p50 ms", "p90 ms", "p99 ms", "max ms"],
        [
          ["message POST → arrival on the other side", ...stat(l.deliveryMs)],
          ["… written by the customer (token)", ...stat(l.deliveryByAuthorMs.customer)],
          ["… written by the representative (API key)", ...stat(l.deliveryByAuthorMs.representative)],
          ["message POST response", l.postMs.n, l.postMs.p50, l.postMs.p90, l.postMs.p99, l.postMs.max],
          ["POST /api/conversations, no streams open", ...stat(l.assignmentMs.withoutStreams)],
          [`POST /api/conversations, ${l.streams} streams open`, ...stat(l.assignmentMs.withStreamsOpen)],
        ],
      ),
    );
    out.push(
      `\nMessages: ${l.messages.delivered}/${l.messages.sent} delivered, ${l.messages.lost} lost. Opening all streams took ${l.openAllStreamsSeconds} s. ` +
        `Server RSS: ${l.serverRssMiB.beforeStreams} MiB before the streams, ${l.serverRssMiB.withStreams} MiB with them (${l.serverRssMiB.perStreamKiB} KiB per stream), peak ${l.serverRssMiB.peak} MiB. ` +
        `Load generator's event-loop delay p99 ${l.clientEventLoopDelayMs.p99} ms.`,
    );
  }

  if (m.liveAcross) {
    const l = m.liveAcross;
    out.push(
      `\n## Live delivery across instances (PostgreSQL; ${l.streams} streams, ${l.streamsPerInstance.join(" + ")} on ${l.instances} instances; ${l.messages.perSecond} messages/s for ${l.messages.seconds} s)`,
    );
    out.push(
      table(
        ["measure", "n", "p50 ms", "p90 ms", "p99 ms", "max ms"],
        [
          ["message POST on one instance → arrival on the other's stream", ...stat(l.deliveryMs)],
          ["… POST on the stream's own instance (no crossing, same load)", ...stat(l.sameInstanceDeliveryMs)],
          ["message POST response", ...stat(l.postMs)],
          ["arrival minus the POST's response (the crossing, roughly)", ...stat(l.arrivalAfterResponseMs)],
        ],
      ),
    );
    out.push(
      `\nMessages: ${l.messages.delivered}/${l.messages.sent} delivered, ${l.messages.lost} lost. ` +
        `Load generator's event-loop delay p99 ${l.clientEventLoopDelayMs.p99} ms.`,
    );
  }

  if (m.growth) {
    const g = m.growth;
    out.push("\n## 4. Growth (single assignments on a prepared database; seeding not timed)");
    out.push(
      table(
        [
          "case",
          "members",
          "stored conversations",
          "fast path p50 ms",
          "fast path p99 ms",
          "general path p50 ms",
          "general path p99 ms",
          "general path in SQLite ms",
          "agent.assigned event bytes",
          "file MiB",
        ],
        [...g.members, ...g.conversations].map((c) => [
          c.label,
          c.members,
          c.storedConversations,
          c.assignmentMs.p50,
          c.assignmentMs.p99,
          c.generalPathMs.p50,
          c.generalPathMs.p99,
          c.sqliteMsMean,
          c.assignedEventBytes,
          c.fileMiB,
        ]),
      ),
    );
    out.push(
      `\nGrowth (p50 over p50): members ${g.membersGrowth}× on the synchronous SQLite path (ADR 013), ` +
        `${g.membersGrowthGeneral}× on the general path (the same plan through Prisma; any provider); stored conversations ` +
        `${g.conversationsGrowth}× and ${g.conversationsGrowthGeneral}×.`,
    );
  }

  if (m.drain) {
    const d = m.drain;
    out.push(
      `\n## 5. Drain (${d.waiting} waiting; ${d.representatives} representatives, capacity ${d.totalCapacity} in all, become available at once)`,
    );
    out.push(
      table(
        ["measure", "value"],
        [
          ["first assignment after the burst", `${d.firstAssignmentSeconds} s`],
          ["all that fit assigned", `${d.allAssignedSeconds} s (${d.assigned} assigned, ${d.assignmentsPerSecond}/s)`],
          ["presence calls settled", `${d.presenceCallsSettledSeconds} s`],
          ["anyone over capacity", d.overCapacity.length === 0 ? "no" : `YES: ${d.overCapacity.length}`],
          ["served oldest first", d.servedOldestFirst ? "yes" : "NO"],
        ],
      ),
    );
  }

  if (m.handback) {
    const h = m.handback;
    out.push(
      `\n## 6. Hand-backs (single calls, alternating blocks; a back queue of ${h.setup.representatives} representatives + ${h.setup.aiAgents} AI agents; ${h.setup.samples} calls per row)`,
    );
    const names = {
      newConversation: "new conversation → assigned",
      transfer: "representative's transfer into the queue → assigned",
      escalation: "AI agent's escalation into the queue → assigned",
    } as const;
    const rows: (string | number)[][] = [];
    for (const [path, label] of [
      ["fast", "synchronous SQLite"],
      ["general", "through Prisma"],
    ] as const) {
      for (const side of Object.keys(names) as (keyof typeof names)[]) {
        const l = h[path].ms[side];
        const ratio = side === "newConversation" ? 1 : h[path].ratio[side];
        rows.push([`${names[side]} (${label})`, l.p50, l.p90, l.p99, x(ratio, 2)]);
      }
    }
    out.push(table(["call", "p50 ms", "p90 ms", "p99 ms", "p50 over new conversation"], rows));
  }
  out.push(...formatPostgres(m));

  out.push("\n## Targets");
  out.push(
    table(
      ["target", "required", "measured", "met", "missed by"],
      r.targets.map((t) => [t.what, t.target, t.value, t.met ? "yes" : "**no**", t.missedBy ?? ""]),
    ),
  );
  if (r.mode === "smoke")
    out.push("\n(Smoke run: tiny sizes and durations; the figures only show that everything runs.)");
  if (r.failures.length) out.push(`\nFAILED: ${r.failures.map((f) => `${f.measurement}: ${f.error}`).join("; ")}`);
  out.push(
    r.violations.length
      ? `\nVIOLATIONS:\n${r.violations.map((v) => `- ${v}`).join("\n")}`
      : "\nInvariants and checks: all hold.",
  );
  return out.join("\n");
}

function stat(s: { n: number; p50: number; p90: number; p99: number; max: number }) {
  return [s.n, s.p50, s.p90, s.p99, s.max];
}
