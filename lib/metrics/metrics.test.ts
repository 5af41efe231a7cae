import type { Counter, Histogram } from "prom-client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addSeconds } from "@/lib/clock";
import { closeConversation } from "@/lib/conversations/close-conversation";
import { postMessage } from "@/lib/conversations/post-message";
import { startConversation } from "@/lib/conversations/start-conversation";
import { transferConversation } from "@/lib/conversations/transfer-conversation";
import { buildAiAgent, buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { agentActor, customerActor, systemActor } from "@/lib/timeline/types";
import { metrics } from "./registry";
import { renderMetrics } from "./render-metrics";

/**
 * The metrics through the engine and a real database (SQLite, the general path, PostgreSQL: each vitest project):
 * what the after-commit seam counts, and what the queue gauges read. The registry lives as long as the worker, so
 * counts are compared before and after.
 */
const t0 = new Date("2026-03-02T09:00:00Z");
const at = (seconds: number) => vi.setSystemTime(addSeconds(t0, seconds));

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(t0);
  await resetDatabase();
});
afterEach(() => vi.useRealTimers());

async function value(metric: Counter<string> | Histogram<string>, labels: Record<string, string>, name?: string) {
  const { values } = await metric.get();
  return values
    .filter((v) => (name ? (v as { metricName?: string }).metricName === name : true))
    .filter((v) => Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l))
    .reduce((sum, v) => sum + v.value, 0);
}

async function snapshot(queue: string) {
  const m = metrics();
  return {
    ai: await value(m.assignments, { queue, agent_kind: "ai" }),
    human: await value(m.assignments, { queue, agent_kind: "human" }),
    handoffs: await value(m.handoffs, { queue }),
    handbacks: await value(m.handbacks, { queue }),
    humanLatencySum: await value(
      m.assignmentLatency,
      { queue, agent_kind: "human" },
      "switchboard_assignment_latency_seconds_sum",
    ),
  };
}

describe("[METRICS] counted after commit, from the engine's own assignments", () => {
  it("a hand-off to a person and a hand-back to an AI agent in one queue count once each, with the assignments", async () => {
    const queue = await buildQueue({ name: "Support" });
    const sky = await buildAiAgent({ name: "Sky", capacity: 10, escalationQueueId: queue.id, queues: [queue.id] });
    const riley = await buildRep({ name: "Riley", capacity: 5, queues: [queue.id] });
    const bea = await buildAiAgent({ name: "Bea", capacity: 1, queues: [queue.id] });
    const before = await snapshot("Support");

    const { conversation } = await startConversation({ customer: { name: "Dana" }, queueId: queue.id });
    expect(conversation.assigneeId).toBe(sky.id);
    await postMessage({ conversationId: conversation.id, actor: customerActor, text: "Can I talk to a person?" });
    const back = await transferConversation({
      conversationId: conversation.id,
      actor: agentActor(riley.id),
      target: { queueId: queue.id },
    });
    expect(back.assigneeId).toBe(bea.id);

    const after = await snapshot("Support");
    expect({
      ai: after.ai - before.ai,
      human: after.human - before.human,
      handoffs: after.handoffs - before.handoffs,
      handbacks: after.handbacks - before.handbacks,
    }).toEqual({ ai: 2, human: 1, handoffs: 1, handbacks: 1 });
  });

  it("a person-to-person transfer and a supervisor's move are neither a hand-off nor a hand-back", async () => {
    const queue = await buildQueue({ name: "Billing" });
    const first = await buildRep({ name: "Riley", capacity: 1, queues: [queue.id] });
    const second = await buildRep({ name: "Morgan", capacity: 1 });
    const before = await snapshot("Billing");
    const { conversation } = await startConversation({ customer: { name: "Dana" }, queueId: queue.id });
    expect(conversation.assigneeId).toBe(first.id);
    await transferConversation({
      conversationId: conversation.id,
      actor: systemActor,
      target: { agentId: second.id },
    });
    const after = await snapshot("Billing");
    expect(after.human - before.human).toBe(1); // the direct transfer to Morgan is outside a queue
    expect(await value(metrics().assignments, { queue: "", agent_kind: "human" })).toBeGreaterThanOrEqual(1);
    expect([after.handoffs - before.handoffs, after.handbacks - before.handbacks]).toEqual([0, 0]);
  });

  it("a conversation that waited has its wait in its latency, and the gauges show the line read from the database", async () => {
    const queue = await buildQueue({ name: "Returns" });
    await buildRep({ name: "Riley", capacity: 1, queues: [queue.id] });
    const before = await snapshot("Returns");
    const held = await startConversation({ customer: { name: "Ann" }, queueId: queue.id });
    at(5);
    const waiting = await startConversation({ customer: { name: "Bo" }, queueId: queue.id });
    expect(waiting.conversation.status).toBe("open");

    at(45);
    const { body } = await renderMetrics();
    expect(body).toContain('switchboard_queue_waiting{queue="Returns"} 1');
    expect(body).toContain('switchboard_queue_longest_wait_seconds{queue="Returns"} 40');

    await closeConversation({ conversationId: held.conversation.id, actor: systemActor, notes: null });
    const after = await snapshot("Returns");
    expect(after.human - before.human).toBe(2);
    // 0 s for the first, 40 s for the one that waited (from its start to the commit that served it).
    expect(after.humanLatencySum - before.humanLatencySum).toBeCloseTo(40, 1);
    const served = await renderMetrics();
    expect(served.body).toContain('switchboard_queue_waiting{queue="Returns"} 0');
    expect(served.body).toContain('switchboard_queue_longest_wait_seconds{queue="Returns"} 0');
  });
});
