import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { readQueueLines } from "./read-queue-lines";

/**
 * Every metric of this process, in one registry (docs/decisions/017-metrics.md).
 *
 * Counters and histograms count what *this* process did (Prometheus adds the `instance` label when it scrapes each
 * server, and `sum()` adds them up). The queue gauges describe state the servers share, so they are read from the
 * database at scrape time (`collect`): any instance answers the same, with no process keeping a copy that could drift.
 *
 * Labels are bounded by configuration (queue names, agent kinds, route patterns, bot agent names), never by traffic:
 * no conversation ids, no raw URLs.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    assignments: new Counter({
      name: "switchboard_assignments_total",
      help: "Conversations assigned to an agent, by queue (empty when given directly outside a queue) and agent kind.",
      labelNames: ["queue", "agent_kind"] as const,
      registers,
    }),
    assignmentLatency: new Histogram({
      name: "switchboard_assignment_latency_seconds",
      help: "From entering the queue (start or transfer) to the committed assignment, waiting included.",
      labelNames: ["queue", "agent_kind"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers,
    }),
    handoffs: new Counter({
      name: "switchboard_handoffs_total",
      help: "Hand-offs from an AI agent to a person: a person was assigned a conversation an AI agent handed over.",
      labelNames: ["queue"] as const,
      registers,
    }),
    handbacks: new Counter({
      name: "switchboard_handbacks_total",
      help: "Hand-backs from a person to an AI agent: an AI agent was assigned a conversation a person handed over.",
      labelNames: ["queue"] as const,
      registers,
    }),
    botDeliveryFailures: new Counter({
      name: "switchboard_bot_delivery_failures_total",
      help: "Activities a Bot Framework bot did not accept (the conversation was escalated), by agent and reason.",
      labelNames: ["agent", "reason"] as const,
      registers,
    }),
    botReplyTimeouts: new Counter({
      name: "switchboard_bot_reply_timeouts_total",
      help: "AI agents that accepted a message but did not reply within their reply timeout (escalated for them).",
      registers,
    }),
    httpDuration: new Histogram({
      name: "switchboard_http_request_duration_seconds",
      help: "API requests until the response starts (a stream's headers), by method, route pattern and status.",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    openStreams: new Gauge({
      name: "switchboard_open_streams",
      help: "Server-sent event streams open on this instance, by stream (conversation, agent, supervisor).",
      labelNames: ["stream"] as const,
      registers,
    }),
    ...queueGauges(registers),
  };
}

/** Waiting per queue and the longest wait, read from the database when scraped (shared state; see above). */
function queueGauges(registers: Registry[]) {
  let lines: Promise<Awaited<ReturnType<typeof readQueueLines>>> | null = null;
  // A scrape collects every metric at once (prom-client starts all their collect() in one tick): one read serves
  // both gauges, and the next scrape reads afresh.
  const read = () => {
    lines ??= readQueueLines().finally(() => {
      lines = null;
    });
    return lines;
  };
  const waiting = new Gauge({
    name: "switchboard_queue_waiting",
    help: "Conversations waiting in each queue (status open), across all instances.",
    labelNames: ["queue"] as const,
    registers,
    async collect() {
      const current = await read();
      this.reset(); // a deleted queue's series goes away
      for (const line of current) this.set({ queue: line.queue }, line.waiting);
    },
  });
  const longestWait = new Gauge({
    name: "switchboard_queue_longest_wait_seconds",
    help: "How long the conversation waiting longest in each queue has waited (0 when none waits).",
    labelNames: ["queue"] as const,
    registers,
    async collect() {
      const current = await read();
      this.reset();
      for (const line of current) this.set({ queue: line.queue }, line.longestWaitSeconds);
    },
  });
  return { waiting, longestWait };
}

export type Metrics = ReturnType<typeof createMetrics>;

/*
 * On globalThis, made once: Next may bundle instrumentation.ts and each route apart (and `next dev` reloads modules),
 * and a second registry would split the counts — or a second registration of a name would throw.
 */
const key = Symbol.for("switchboard.metrics");
type WithMetrics = typeof globalThis & { [key]?: Metrics };

export function metrics(): Metrics {
  const global = globalThis as WithMetrics;
  global[key] ??= createMetrics();
  return global[key];
}
