// HTTP create → assigned on PostgreSQL, with one and with two `next start` instances over one fresh database
// (e2e/support/instances.ts, as scripts/start-instances.sh runs them): POST /api/conversations, closed loop with
// autocannon as in http.ts, the same connections and duration. With two instances the connections are split across
// both — two autocannon runs in parallel, their answers summed. The SQLite figure beside it is http.ts's, from the
// same run. Needs a PostgreSQL server (TEST_POSTGRES_URL, default 127.0.0.1:5432); each database is dropped after.
import pg from "pg";
import { checkDatabaseInvariants } from "@/lib/diagnostics/invariants";
import { startInstances } from "../e2e/support/instances";
import type { BenchArgs } from "./config";
import { type LoadResult, load, summary } from "./http";
import { log, runAsMain } from "./lib/child";
import { pgPrefix, requirePostgres } from "./lib/postgres";
import { ensureBuild, jsonClient, raisedLimits, setupQueueOverHttp } from "./lib/server";
import { round, sleep } from "./lib/stats";

const NAME = "httpPg";

export interface InstancesLoad {
  instances: number;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  /** One autocannon run per instance: its own latency figures (they cannot be merged without the raw samples). */
  perInstance: LoadResult[];
  /** The worse of the instances' percentiles (conservative when two runs are summed); the mean is weighted. */
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  assignedInResponse: number;
  /**
   * The database's sessions during the timed run, sampled every 250 ms from pg_stat_activity (mean count per
   * sample): running a statement, waiting on a lock (and which kind), idle inside a transaction (waiting for the
   * client's next statement), idle. Where a request's time goes, seen from PostgreSQL.
   */
  sessions: Record<string, number>;
}

export interface HttpPostgresResult {
  one: InstancesLoad;
  two: InstancesLoad;
  /** Two instances' throughput over one's. */
  scaling: number;
  violations: string[];
}

function sampleSessions(url: string) {
  const client = new pg.Client({ connectionString: url });
  const totals = new Map<string, number>();
  let samples = 0;
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ what: string; n: number }>(
        `SELECT CASE WHEN wait_event_type = 'Lock' THEN 'waiting on a lock (' || wait_event || ')'
                     WHEN state = 'active' THEN 'running a statement'
                     ELSE state END AS what, COUNT(*)::int AS n
         FROM pg_stat_activity WHERE datname = current_database() AND pid != pg_backend_pid() GROUP BY 1`,
      );
      samples++;
      for (const row of rows) totals.set(row.what, (totals.get(row.what) ?? 0) + row.n);
      await sleep(250);
    }
    await client.end();
  })();
  return {
    async stop(): Promise<Record<string, number>> {
      running = false;
      await done;
      return Object.fromEntries([...totals].map(([what, n]) => [what, round(n / (samples || 1), 1)]));
    },
  };
}

async function measureInstances(count: number, args: BenchArgs, violations: string[]): Promise<InstancesLoad> {
  const h = args.sizes.http;
  const cluster = await startInstances(`http${count}`, count, { ...raisedLimits, TIMER_INTERVAL_MS: "250" });
  const admin = jsonClient(cluster.instances[0].url, 8, { "x-api-key": cluster.adminKey });
  try {
    const { queueId } = await setupQueueOverHttp(admin, {
      representatives: h.representatives,
      repCapacity: 1000,
      aiAgents: 2,
    });
    const body = JSON.stringify({ customer: { name: "Bench customer" }, queueId });
    const headers = { "content-type": "application/json" };
    // The connections split as evenly as they go; autocannon needs at least one per run.
    const split = cluster.instances.map((_, i) =>
      Math.max(1, Math.floor(h.connections / count) + (i < h.connections % count ? 1 : 0)),
    );
    const runAll = (seconds: number, onResponse?: (status: number, responseBody: string) => void) =>
      Promise.all(
        cluster.instances.map((instance, i) =>
          load({
            url: `${instance.url}/api/conversations`,
            connections: split[i],
            duration: seconds,
            timeout: 30,
            method: "POST",
            headers,
            body,
            ...(onResponse
              ? { requests: [{ method: "POST", path: "/api/conversations", headers, body, onResponse }] }
              : {}),
          }),
        ),
      );
    await runAll(h.warmupSeconds); // JIT, Next's route loading, the pools' connections: untimed
    log(NAME, `${count} instance(s): POST /api/conversations, ${h.connections} connections, ${h.seconds} s`);
    let assignedInResponse = 0;
    const sampling = sampleSessions(cluster.databaseUrl);
    const results = await runAll(h.seconds, (status, responseBody) => {
      if (status === 201 && responseBody.includes('"status":"active"')) assignedInResponse++;
    });
    const sessions = await sampling.stop();
    const perInstance = results.map((r, i) => summary(r, split[i]));
    const requests = perInstance.reduce((sum, r) => sum + r.requests, 0);
    const seconds = Math.max(...perInstance.map((r) => r.seconds));
    const worst = (key: "p50" | "p90" | "p99" | "max") => Math.max(...perInstance.map((r) => r.latencyMs[key]));
    for (const r of perInstance) {
      if (r.non2xx + r.errors + r.timeouts > 0) {
        violations.push(`${count} instance(s): ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
      }
    }
    if (assignedInResponse !== requests) {
      violations.push(`${count} instance(s): ${requests - assignedInResponse} POST responses not assigned`);
    }
    const [{ n: notAssigned }] = await cluster.query<{ n: number }>(
      `SELECT COUNT(*)::int AS n FROM "Conversation" WHERE "status" != 'active'`,
    );
    if (notAssigned > 0) violations.push(`${count} instance(s): ${notAssigned} conversation(s) not assigned`);
    for (const v of await checkDatabaseInvariants(cluster.databaseUrl)) {
      violations.push(`${count} instance(s): ${v.rule} (${v.rows.length} rows)`);
    }
    const result: InstancesLoad = {
      instances: count,
      connections: h.connections,
      seconds,
      requests,
      perSecond: perInstance.reduce((sum, r) => sum + r.perSecond, 0),
      perInstance,
      latencyMs: {
        mean: round(perInstance.reduce((sum, r) => sum + r.latencyMs.mean * r.requests, 0) / (requests || 1), 2),
        p50: worst("p50"),
        p90: worst("p90"),
        p99: worst("p99"),
        max: worst("max"),
      },
      assignedInResponse,
      sessions,
    };
    log(
      NAME,
      `${count} instance(s): ${result.perSecond}/s, p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms`,
    );
    return result;
  } finally {
    admin.close();
    await cluster.stop(); // stops the servers and drops the database
  }
}

export async function measureHttpPostgres(args: BenchArgs): Promise<HttpPostgresResult> {
  await requirePostgres();
  await ensureBuild((m) => log(NAME, m));
  // startInstances names its database after this prefix: the bench's databases keep to names of their own.
  process.env.E2E_PG_PREFIX = pgPrefix;
  const violations: string[] = [];
  const one = await measureInstances(1, args, violations);
  const two = await measureInstances(2, args, violations);
  return { one, two, scaling: round(two.perSecond / one.perSecond), violations };
}

runAsMain(module, NAME, measureHttpPostgres);
