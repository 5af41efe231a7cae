// 2. HTTP end to end: POST /api/conversations (created and assigned in the response) with many concurrent
// clients on loopback against `next start`, beside a no-op route in the same server (app/api/bench/noop).
// autocannon runs in this process, on the same 2 cores as the server.
import autocannon from "autocannon";
import Database from "better-sqlite3";
import type { BenchArgs } from "./config";
import { log, runAsMain } from "./lib/child";
import { invariantsOf } from "./lib/db";
import { jsonClient, removeServerDatabase, setupQueueOverHttp, startServer } from "./lib/server";
import { round, sleep, summarize } from "./lib/stats";

const NAME = "http";

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface HttpResult {
  noop: LoadResult;
  startConversation: LoadResult & { assignedInResponse: number; assignedToAiAgents: number };
  /**
   * The same POST offered at a fixed rate, half the closed-loop throughput just measured: latency without the
   * queueing that 100 closed-loop connections add (latency ≈ connections ÷ throughput when saturated).
   */
  startConversationAtHalfRate?: LoadResult & { offeredPerSecond: number };
  ratioToNoop: number;
  serverRssMiB: { idle: number; afterNoop: number; afterPosts: number };
  violations: string[];
}

/** One autocannon run, then a pause: requests it abandoned at the end are still being served, and must not
 * land in the next run's figures. */
export async function load(options: autocannon.Options): Promise<autocannon.Result> {
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(options, (error, r) => (error ? reject(error) : resolve(r)));
  });
  await sleep(2_000);
  return result;
}

export function summary(result: autocannon.Result, connections: number): LoadResult {
  const ok = result["2xx"];
  return {
    connections,
    seconds: round(result.duration, 2),
    requests: ok,
    perSecond: Math.round(ok / result.duration),
    latencyMs: {
      mean: round(result.latency.average, 2),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** POSTs at a fixed, evenly spaced rate (open loop), at most `connections` at once; latency per request. */
async function paced(
  base: string,
  body: string,
  perSecond: number,
  seconds: number,
  connections: number,
): Promise<LoadResult & { offeredPerSecond: number }> {
  const client = jsonClient(base, connections);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const total = Math.round(perSecond * seconds);
  const start = performance.now();
  for (let k = 0; k < total; k++) {
    const wait = start + (k * 1000) / perSecond - performance.now();
    if (wait > 1) await sleep(wait);
    const sent = performance.now();
    inFlight.push(
      client.request("POST", "/api/conversations", JSON.parse(body)).then(
        (response) => {
          latencies.push(performance.now() - sent);
          if (response.status !== 201) non2xx++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  client.close();
  const s = summarize(latencies);
  return {
    connections,
    seconds: round(elapsed, 2),
    requests: latencies.length - non2xx,
    perSecond: Math.round((latencies.length - non2xx) / elapsed),
    latencyMs: { mean: s.mean, p50: s.p50, p90: s.p90, p99: s.p99, max: s.max },
    non2xx,
    errors,
    timeouts: 0,
    offeredPerSecond: perSecond,
  };
}

export async function measureHttp(args: BenchArgs): Promise<HttpResult> {
  const h = args.sizes.http;
  const server = await startServer("http", (m) => log(NAME, m));
  const client = jsonClient(server.url, 8, { "x-api-key": server.adminKey });
  const violations: string[] = [];
  try {
    const { queueId } = await setupQueueOverHttp(client, {
      representatives: h.representatives,
      repCapacity: 1000,
      aiAgents: 2,
    });
    const body = JSON.stringify({ customer: { name: "Bench customer" }, queueId });
    const headers = { "content-type": "application/json" };
    const idle = server.rssMiB();
    const base = { connections: h.connections, headers, method: "POST" as const, body, timeout: 30 };

    // Warm both routes (JIT, Next's route loading, SQLite page cache), untimed.
    await load({ ...base, url: `${server.url}/api/bench/noop`, duration: h.warmupSeconds });
    await load({ ...base, url: `${server.url}/api/conversations`, duration: h.warmupSeconds });

    log(NAME, `no-op route, ${h.connections} connections, ${h.seconds} s`);
    const noop = summary(
      await load({ ...base, url: `${server.url}/api/bench/noop`, duration: h.seconds }),
      h.connections,
    );
    const afterNoop = server.rssMiB();

    log(NAME, `POST /api/conversations, ${h.connections} connections, ${h.seconds} s`);
    let assignedInResponse = 0;
    const posts = await load({
      ...base,
      url: `${server.url}/api/conversations`,
      duration: h.seconds,
      requests: [
        {
          method: "POST",
          path: "/api/conversations",
          headers,
          body,
          onResponse: (status: number, responseBody: string) => {
            if (status === 201 && responseBody.includes('"status":"active"')) assignedInResponse++;
          },
        },
      ],
    });
    const startConversation = { ...summary(posts, h.connections), assignedInResponse, assignedToAiAgents: 0 };
    // Open loop: evenly spaced requests (autocannon's rate limit sends each second's quota in a burst).
    const offeredPerSecond = Math.max(1, Math.floor(startConversation.perSecond / 2));
    log(
      NAME,
      `POST /api/conversations offered at ${offeredPerSecond}/s (half the above, evenly spaced), ${h.seconds} s`,
    );
    const startConversationAtHalfRate = await paced(server.url, body, offeredPerSecond, h.seconds, h.connections);
    if (startConversationAtHalfRate.non2xx > 0) {
      violations.push(`POST at half rate: ${startConversationAtHalfRate.non2xx} responses with an error status`);
    }
    const afterPosts = server.rssMiB();
    if (assignedInResponse !== startConversation.requests) {
      violations.push(
        `${startConversation.requests - assignedInResponse} POST responses did not show an assigned conversation`,
      );
    }
    if (startConversation.non2xx + startConversation.errors + startConversation.timeouts > 0) {
      violations.push(
        `POST: ${startConversation.non2xx} non-2xx, ${startConversation.errors} errors, ${startConversation.timeouts} timeouts`,
      );
    }
    await server.stop();

    const db = new Database(server.databaseFile, { readonly: true });
    const waiting = (
      db.prepare("SELECT COUNT(*) AS n FROM Conversation WHERE status != 'active'").get() as { n: number }
    ).n;
    startConversation.assignedToAiAgents = (
      db.prepare("SELECT COUNT(*) AS n FROM Participant WHERE kind = 'ai'").get() as { n: number }
    ).n;
    db.close();
    if (waiting > 0) violations.push(`${waiting} conversation(s) not assigned`);
    for (const v of invariantsOf(server.databaseFile)) violations.push(`${v.rule} (${v.rows.length} rows)`);

    const result: HttpResult = {
      noop,
      startConversation,
      startConversationAtHalfRate,
      ratioToNoop: round(startConversation.perSecond / noop.perSecond),
      serverRssMiB: { idle, afterNoop, afterPosts },
      violations,
    };
    log(
      NAME,
      `no-op ${noop.perSecond}/s, POST ${startConversation.perSecond}/s (p99 ${startConversation.latencyMs.p99} ms)`,
    );
    return result;
  } finally {
    client.close();
    await server.stop();
    removeServerDatabase(server);
  }
}

runAsMain(module, NAME, measureHttp);
