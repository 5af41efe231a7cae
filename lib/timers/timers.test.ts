import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setPresence } from "@/lib/agents/set-presence";
import { addSeconds } from "@/lib/clock";
import { endConversation } from "@/lib/conversations/end-conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { startConversation } from "@/lib/conversations/start-conversation";
import { disconnectDb, getDb } from "@/lib/db/client";
import { updateQueue } from "@/lib/queues/save-queue";
import { MAX_OVERFLOWS } from "@/lib/routing/overflow-conversation";
import { buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { agentActor } from "@/lib/timeline/types";
import { runDueTimers } from "./run-due-timers";

const t0 = new Date("2026-03-02T09:00:00Z");
const start = (queueId: string) => startConversation({ customer: { name: "Pat" }, queueId });

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(t0);
  await resetDatabase();
});
afterEach(() => vi.useRealTimers());

describe("[TIMERS] overflow", () => {
  it("moves a conversation that waited too long to the overflow queue, and not a second earlier", async () => {
    const spare = await buildQueue({ name: "Spare" });
    const rep = await buildRep({ name: "Spare rep", queues: [spare.id] });
    const main = await buildQueue({ overflowAfterSeconds: 60, overflowAction: "transfer", overflowQueueId: spare.id });
    await buildRep({ presence: "away", queues: [main.id] });
    const { conversation } = await start(main.id);

    expect(await runDueTimers(addSeconds(t0, 59))).toBe(0);
    vi.setSystemTime(addSeconds(t0, 60));
    expect(await runDueTimers()).toBe(1);

    const moved = await getConversation(conversation.id);
    expect(moved).toMatchObject({ status: "active", assigneeId: rep.id, queueId: spare.id });
    const overflowed = (await getTimeline(conversation.id)).find((e) => e.type === "conversation.overflowed");
    expect(overflowed?.data).toMatchObject({
      action: "transfer",
      toQueueName: "Spare",
      why: "waited longer than 60 s",
    });
  });

  it("overflows at once when no member could ever take it, and ends it with the queue's message", async () => {
    const queue = await buildQueue({ overflowAction: "end", overflowMessage: "We are closed — back at 8:00." });
    const { conversation } = await start(queue.id);
    expect(conversation.status).toBe("closed");
    const messages = await getDb().message.findMany({ where: { conversationId: conversation.id } });
    expect(messages.map((m) => [m.authorType, m.text])).toEqual([["system", "We are closed — back at 8:00."]]);
  });

  it("an overflow loop ends after a bounded number of hops instead of bouncing forever", async () => {
    const a = await buildQueue({ name: "Loop A" });
    const b = await buildQueue({ name: "Loop B", overflowAction: "transfer", overflowQueueId: a.id });
    await updateQueue(a.id, { overflowAction: "transfer", overflowQueueId: b.id });
    const { conversation } = await start(a.id);
    expect(conversation.status).toBe("closed");
    const hops = (await getTimeline(conversation.id)).filter((e) => e.type === "conversation.overflowed");
    expect(hops).toHaveLength(MAX_OVERFLOWS + 1);
    expect(hops.at(-1)?.data.action).toBe("end");
  });

  it("an assigned conversation's overflow timer is cancelled", async () => {
    const queue = await buildQueue({ overflowAfterSeconds: 30, overflowAction: "end" });
    const rep = await buildRep({ presence: "offline", queues: [queue.id] });
    const { conversation } = await start(queue.id);
    await setPresence(rep.id, "available");
    vi.setSystemTime(addSeconds(t0, 120));
    expect(await runDueTimers()).toBe(0);
    expect((await getConversation(conversation.id)).status).toBe("active");
  });
});

describe("[TIMERS] wrap-up", () => {
  it("closes a wrap-up that times out and releases the representative's capacity", async () => {
    const queue = await buildQueue({ wrapUpSeconds: 90 });
    const rep = await buildRep({ capacity: 1, queues: [queue.id] });
    const { conversation } = await start(queue.id);
    await endConversation({ conversationId: conversation.id, actor: agentActor(rep.id) });
    expect((await getDb().agent.findUniqueOrThrow({ where: { id: rep.id } })).usedCapacity).toBe(1);

    vi.setSystemTime(addSeconds(t0, 90));
    expect(await runDueTimers()).toBe(1);
    expect((await getConversation(conversation.id)).status).toBe("closed");
    expect((await getDb().agent.findUniqueOrThrow({ where: { id: rep.id } })).usedCapacity).toBe(0);
    const closed = (await getTimeline(conversation.id)).at(-1);
    expect(closed).toMatchObject({
      type: "conversation.closed",
      actorType: "system",
      data: { reason: "wrap-up timed out" },
    });
  });

  it("due times live in the database: a restarted process still fires them, once", async () => {
    const queue = await buildQueue({ wrapUpSeconds: 10 });
    const rep = await buildRep({ queues: [queue.id] });
    const { conversation } = await start(queue.id);
    await endConversation({ conversationId: conversation.id, actor: agentActor(rep.id) });

    await disconnectDb(); // the "restart": a new connection, nothing kept in memory
    vi.setSystemTime(addSeconds(t0, 3600));
    const [first, second] = await Promise.all([runDueTimers(), runDueTimers()]);
    expect(first + second).toBe(1);
    expect((await getConversation(conversation.id)).status).toBe("closed");
  });
});
