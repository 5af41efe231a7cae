import { beforeEach, describe, expect, it } from "vitest";
import { setPresence } from "@/lib/agents/set-presence";
import { updateAgent } from "@/lib/agents/update-agent";
import { closeConversation } from "@/lib/conversations/close-conversation";
import { endConversation } from "@/lib/conversations/end-conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { startConversation } from "@/lib/conversations/start-conversation";
import { getDb } from "@/lib/db/client";
import { addMember } from "@/lib/queues/memberships";
import { buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { agentActor } from "@/lib/timeline/types";

const start = (queueId: string, name = "Customer") => startConversation({ customer: { name }, queueId });

beforeEach(resetDatabase);

describe("[ROUTING] waiting", () => {
  it("waits in the queue with its position when nobody is eligible, and says why", async () => {
    const queue = await buildQueue();
    await buildRep({ name: "Away rep", presence: "away", queues: [queue.id] });
    const first = await start(queue.id);
    const second = await start(queue.id);
    expect(first.conversation.status).toBe("open");
    expect((await getConversation(second.conversation.id)).waiting?.position).toBe(2);
    const queued = (await getTimeline(second.conversation.id)).find((e) => e.type === "conversation.queued");
    expect(queued?.data).toMatchObject({
      position: 2,
      explanation: "No one is eligible. Excluded: Away rep (presence is away).",
    });
  });

  it("re-tries waiting conversations when a representative becomes available, oldest first", async () => {
    const queue = await buildQueue();
    const rep = await buildRep({ presence: "offline", capacity: 1, queues: [queue.id] });
    const older = await start(queue.id, "Older");
    const newer = await start(queue.id, "Newer");
    await setPresence(rep.id, "available");
    expect((await getConversation(older.conversation.id)).assigneeId).toBe(rep.id);
    expect((await getConversation(newer.conversation.id)).status).toBe("open");
    expect((await getConversation(newer.conversation.id)).waiting?.position).toBe(1);
  });

  it("re-tries when capacity is released at the end of wrap-up, not before", async () => {
    const queue = await buildQueue({ wrapUpSeconds: 60 });
    const rep = await buildRep({ capacity: 1, queues: [queue.id] });
    const held = await start(queue.id);
    const waiting = await start(queue.id);
    expect(waiting.conversation.status).toBe("open");

    await endConversation({ conversationId: held.conversation.id, actor: agentActor(rep.id), notes: "done" });
    expect((await getConversation(waiting.conversation.id)).status).toBe("open"); // capacity still held in wrap-up
    await closeConversation({ conversationId: held.conversation.id, actor: agentActor(rep.id) });
    expect((await getConversation(waiting.conversation.id)).assigneeId).toBe(rep.id);
  });

  it("re-tries when a member is added or a capacity is raised", async () => {
    const queue = await buildQueue();
    const rep = await buildRep({ capacity: 1 });
    const one = await start(queue.id);
    const two = await start(queue.id);
    await addMember(queue.id, rep.id);
    expect((await getConversation(one.conversation.id)).assigneeId).toBe(rep.id);
    expect((await getConversation(two.conversation.id)).status).toBe("open");
    await updateAgent(rep.id, { capacity: 2 });
    expect((await getConversation(two.conversation.id)).assigneeId).toBe(rep.id);
    expect((await getDb().agent.findUniqueOrThrow({ where: { id: rep.id } })).usedCapacity).toBe(2);
  });

  it("serves queues by priority first, then oldest first", async () => {
    const low = await buildQueue({ priority: 50 });
    const high = await buildQueue({ priority: 1 });
    const rep = await buildRep({ presence: "offline", capacity: 1, queues: [low.id, high.id] });
    const lowOld = await start(low.id, "Low, older");
    const highNew = await start(high.id, "High, newer");
    await setPresence(rep.id, "available");
    expect((await getConversation(highNew.conversation.id)).assigneeId).toBe(rep.id);
    expect((await getConversation(lowOld.conversation.id)).status).toBe("open");
  });

  it("presence only gates new work: going away keeps what the representative holds", async () => {
    const queue = await buildQueue();
    const rep = await buildRep({ capacity: 2, queues: [queue.id] });
    const held = await start(queue.id);
    await setPresence(rep.id, "away");
    const next = await start(queue.id);
    expect((await getConversation(held.conversation.id)).assigneeId).toBe(rep.id);
    expect(next.conversation.status).toBe("open");
  });
});
