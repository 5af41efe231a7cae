import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { addSeconds } from "@/lib/clock";
import { closeConversation } from "@/lib/conversations/close-conversation";
import { closeCustomerStream } from "@/lib/conversations/close-customer-stream";
import { leaseSeconds, renewSeconds } from "@/lib/conversations/customer-presence";
import { getConversation, listConversations } from "@/lib/conversations/get-conversation";
import { openCustomerStream } from "@/lib/conversations/open-customer-stream";
import { postMessage } from "@/lib/conversations/post-message";
import { renewCustomerStreams } from "@/lib/conversations/renew-customer-stream";
import { startConversation } from "@/lib/conversations/start-conversation";
import { toCustomerEvents } from "@/lib/conversations/to-customer-view";
import { getDb } from "@/lib/db/client";
import { updateQueue } from "@/lib/queues/save-queue";
import { buildAiAgent, buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { agentActor, customerActor } from "@/lib/timeline/types";
import { runDueTimers } from "./run-due-timers";

/**
 * The customer's presence (leases on their streams, in the database) and the queue's inactivity time-out: a
 * customer with no chat window open who stays silent that long is gone, and the conversation ends as abandoned.
 */
const t0 = new Date("2026-03-02T09:00:00Z");
const LEASE_SECONDS = leaseSeconds();
const RENEW_SECONDS = renewSeconds();
const at = (seconds: number) => vi.setSystemTime(addSeconds(t0, seconds));
const start = (queueId: string) => startConversation({ customer: { name: "Pat" }, queueId });
const usedCapacity = async (agentId: string) =>
  (await getDb().agent.findUniqueOrThrow({ where: { id: agentId } })).usedCapacity;
const types = async (conversationId: string) => (await getTimeline(conversationId)).map((e) => e.type);

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(t0);
  await resetDatabase();
});
afterEach(() => vi.useRealTimers());

describe("[PRESENCE] the customer's streams", () => {
  it("connected while a stream is open, away once the last one closes; the timeline says each change once", async () => {
    const queue = await buildQueue({ inactivityTimeoutSeconds: 600 });
    await buildRep({ queues: [queue.id] });
    const { conversation } = await start(queue.id);
    expect((await getConversation(conversation.id)).customerPresence).toEqual({ state: "away", since: null });

    const phone = await openCustomerStream(conversation.id);
    at(5);
    const laptop = await openCustomerStream(conversation.id); // a second tab: still one "connected"
    expect((await getConversation(conversation.id)).customerPresence).toEqual({ state: "connected", since: t0 });
    at(30);
    await closeCustomerStream(phone);
    expect((await getConversation(conversation.id)).customerPresence.state).toBe("connected");
    at(40);
    await closeCustomerStream(laptop);
    await closeCustomerStream(laptop); // closing twice (abort and cancel both fire) changes nothing
    expect((await getConversation(conversation.id)).customerPresence).toEqual({
      state: "away",
      since: addSeconds(t0, 40),
    });
    expect((await types(conversation.id)).filter((t) => t.startsWith("customer."))).toEqual([
      "customer.connected",
      "customer.away",
    ]);
    // Staff only: the customer's own view has no presence events.
    expect(toCustomerEvents(await getTimeline(conversation.id)).map((e) => e.type)).toEqual(["agent.joined"]);
  });

  it("a server renews all its leases at once, writing again any another stream's opening dropped", async () => {
    const queue = await buildQueue();
    const first = (await start(queue.id)).conversation;
    const second = (await start(queue.id)).conversation;
    const a = await openCustomerStream(first.id);
    const b = await openCustomerStream(second.id);
    // This server stalled past the lease: another stream's opening pruned b as no longer counting.
    await getDb().customerStream.delete({ where: { id: b } });
    at(RENEW_SECONDS);
    await renewCustomerStreams([
      { streamId: a, conversationId: first.id },
      { streamId: b, conversationId: second.id },
      { streamId: "gone", conversationId: "no-such-conversation" }, // its conversation was deleted: nothing to keep
    ]);
    const rows = await getDb().customerStream.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.id, row.seenAt.toISOString()]).sort()).toEqual(
      [a, b].map((id) => [id, addSeconds(t0, RENEW_SECONDS).toISOString()]).sort(),
    );
    expect((await getConversation(second.id)).customerPresence.state).toBe("connected");
  });

  it("a lease nobody renews or closes (its server was killed) stops counting when it runs out", async () => {
    const queue = await buildQueue();
    const { conversation } = await start(queue.id);
    const stream = await openCustomerStream(conversation.id);
    at(RENEW_SECONDS);
    await renewCustomerStreams([{ streamId: stream, conversationId: conversation.id }]);
    at(RENEW_SECONDS + LEASE_SECONDS - 1);
    expect((await getConversation(conversation.id)).customerPresence.state).toBe("connected");
    // No renewal, no close: the process that held the stream is gone.
    at(RENEW_SECONDS + LEASE_SECONDS);
    expect((await getConversation(conversation.id)).customerPresence).toEqual({
      state: "away",
      since: addSeconds(t0, RENEW_SECONDS),
    });
  });
});

describe("[TIMERS] customer inactivity", () => {
  it("a customer who closed the chat and stays silent past the time-out is abandoned: released, the rep told, the reason kept", async () => {
    const queue = await buildQueue({ inactivityTimeoutSeconds: 300 });
    const rep = await buildRep({ capacity: 1, queues: [queue.id] });
    const { conversation } = await start(queue.id);
    const stream = await openCustomerStream(conversation.id);
    at(10);
    await postMessage({ conversationId: conversation.id, actor: customerActor, text: "Hello?" });
    at(20);
    await closeCustomerStream(stream);

    at(319);
    expect(await runDueTimers()).toBe(0);
    expect((await getConversation(conversation.id)).status).toBe("active");
    at(320);
    expect(await runDueTimers()).toBe(1);

    const ended = await getConversation(conversation.id);
    expect(ended).toMatchObject({ status: "closed", wrapUpPendingFor: rep.id });
    expect(await usedCapacity(rep.id)).toBe(0);
    const closed = (await getTimeline(conversation.id)).at(-1);
    expect(closed).toMatchObject({
      type: "conversation.closed",
      actorType: "system",
      data: { reason: "customer inactive for 5 min", cause: "customer_inactive", fromStatus: "active" },
    });
    expect(toCustomerEvents(await getTimeline(conversation.id)).at(-1)).toMatchObject({
      type: "closed",
      by: "inactivity",
    });
    // The representative's inbox lists it until their wrap-up is done; then it is recorded, once.
    const awaiting = await listConversations({ assigneeId: rep.id, awaitingWrapUp: true, limit: 10 });
    expect(awaiting.map((c) => c.id)).toEqual([conversation.id]);
    await closeConversation({ conversationId: conversation.id, actor: agentActor(rep.id), notes: "Gone quiet." });
    expect((await getTimeline(conversation.id)).at(-1)).toMatchObject({
      type: "conversation.wrapped_up",
      data: { agentId: rep.id, notes: "Gone quiet." },
    });
    expect(await listConversations({ assigneeId: rep.id, awaitingWrapUp: true, limit: 10 })).toEqual([]);
    await expect(closeConversation({ conversationId: conversation.id, actor: agentActor(rep.id) })).rejects.toThrow(
      "already closed",
    );
  });

  it("a customer with the chat open is never abandoned, however long they are silent: the timer moves on", async () => {
    const queue = await buildQueue({ inactivityTimeoutSeconds: 60 });
    await buildRep({ queues: [queue.id] });
    const { conversation } = await start(queue.id);
    const stream = await openCustomerStream(conversation.id);
    for (let seconds = RENEW_SECONDS; seconds <= 600; seconds += RENEW_SECONDS) {
      at(seconds);
      await renewCustomerStreams([{ streamId: stream, conversationId: conversation.id }]);
      await runDueTimers();
    }
    expect((await getConversation(conversation.id)).status).toBe("active");
    const timer = await getDb().timer.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(timer).toMatchObject({ kind: "inactivity" });
    expect(timer.dueAt > addSeconds(t0, 600)).toBe(true);
  });

  it("coming back in time keeps the conversation; a message counts as being there", async () => {
    const queue = await buildQueue({ inactivityTimeoutSeconds: 120 });
    await buildRep({ queues: [queue.id] });
    const { conversation } = await start(queue.id);
    await closeCustomerStream(await openCustomerStream(conversation.id));
    at(100);
    await closeCustomerStream(await openCustomerStream(conversation.id)); // back for a moment, on any server
    at(200);
    await postMessage({ conversationId: conversation.id, actor: customerActor, text: "Still there" });
    at(300);
    expect(await runDueTimers()).toBe(0);
    expect((await getConversation(conversation.id)).status).toBe("active");
    at(320);
    expect(await runDueTimers()).toBe(1);
    expect((await getConversation(conversation.id)).status).toBe("closed");
  });

  it("a customer whose stream's server died is abandoned too, and the timeline says they went away first", async () => {
    const queue = await buildQueue({ inactivityTimeoutSeconds: 30 });
    const { conversation } = await start(queue.id); // nobody to take it: it waits
    await openCustomerStream(conversation.id); // never renewed, never closed
    at(30);
    expect(await runDueTimers()).toBe(0); // the lease still counts: the customer may be there
    at(LEASE_SECONDS);
    expect(await runDueTimers()).toBe(1); // it ran out; last seen at the start, more than 30 s ago
    const ended = await getConversation(conversation.id);
    expect(ended).toMatchObject({ status: "closed", wrapUpPendingFor: null });
    const timeline = await getTimeline(conversation.id);
    expect(timeline.slice(-2).map((e) => [e.type, e.data.why ?? e.data.cause])).toEqual([
      ["customer.away", "lease_expired"],
      ["conversation.closed", "customer_inactive"],
    ]);
  });

  it("switching the queue's time-out off lets a due timer pass; an AI agent's chat is closed with no wrap-up", async () => {
    const quiet = await buildQueue({ inactivityTimeoutSeconds: 60 });
    await buildRep({ queues: [quiet.id] });
    const kept = (await start(quiet.id)).conversation;
    await closeCustomerStream(await openCustomerStream(kept.id));
    await updateQueue(quiet.id, { inactivityTimeoutSeconds: null });

    const botQueue = await buildQueue({ inactivityTimeoutSeconds: 60 });
    await buildAiAgent({ queues: [botQueue.id] });
    const withBot = (await start(botQueue.id)).conversation;
    await closeCustomerStream(await openCustomerStream(withBot.id));

    at(61);
    expect(await runDueTimers()).toBe(1);
    expect((await getConversation(kept.id)).status).toBe("active");
    expect(await getDb().timer.count({ where: { conversationId: kept.id } })).toBe(0);
    expect(await getConversation(withBot.id)).toMatchObject({ status: "closed", wrapUpPendingFor: null });
  });
});
