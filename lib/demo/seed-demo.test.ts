import { beforeEach, describe, expect, it } from "vitest";
import { getConversation } from "@/lib/conversations/get-conversation";
import { postMessage } from "@/lib/conversations/post-message";
import { requestPerson } from "@/lib/conversations/request-person";
import { startConversation } from "@/lib/conversations/start-conversation";
import { transferConversation } from "@/lib/conversations/transfer-conversation";
import { getDb } from "@/lib/db/client";
import { loadQueueCheck } from "@/lib/queues/check-queue-config";
import { resetDatabase } from "@/lib/testing/reset-database";
import { agentActor, customerActor } from "@/lib/timeline/types";
import { seedDemo } from "./seed-demo";

/**
 * The demo's two flows, as a visitor runs them, end with a person whenever the customer asks for one — the
 * Feedback queue included, where a request for a person used to wait for a representative who never belonged there.
 */
const agentNamed = async (name: string) => getDb().agent.findFirstOrThrow({ where: { name } });
const queueNamed = async (name: string) => getDb().queue.findUniqueOrThrow({ where: { name } });
const say = (conversationId: string, text: string) => postMessage({ conversationId, actor: customerActor, text });
const holder = async (id: string) => {
  const conversation = await getConversation(id);
  return { status: conversation.status, queue: conversation.queue?.name, assignee: conversation.assignee?.name };
};

beforeEach(async () => {
  await resetDatabase();
  await getDb().user.deleteMany(); // the demo's staff accounts (and their sessions), made again by each test
  expect(await seedDemo()).toEqual({ created: true });
});

describe("[DEMO] both flows end with a person", () => {
  it("two queues: Sales → Riley → handed back to Quinn in Feedback → 'Talk to a person' mid-survey → Riley", async () => {
    const riley = await agentNamed("Riley Chen");
    const { conversation } = await startConversation({ customer: { name: "Dana" }, topic: "pricing" });
    expect(await holder(conversation.id)).toMatchObject({ queue: "Sales", assignee: "Aria" });
    await say(conversation.id, "I am a travel agent, what does the Pro plan cost?");
    expect(await holder(conversation.id)).toMatchObject({ assignee: "Aria" }); // answered, not escalated
    await requestPerson({ conversationId: conversation.id, actor: customerActor });
    expect(await holder(conversation.id)).toMatchObject({ status: "active", assignee: "Riley Chen" });

    await transferConversation({
      conversationId: conversation.id,
      actor: agentActor(riley.id),
      target: { queueId: (await queueNamed("Feedback")).id },
    });
    expect(await holder(conversation.id)).toMatchObject({ queue: "Feedback", assignee: "Quinn" });
    await requestPerson({ conversationId: conversation.id, actor: customerActor });
    expect(await holder(conversation.id)).toMatchObject({ status: "active", queue: "Sales", assignee: "Riley Chen" });
  });

  it("one queue: Sky → Riley → handed back to Support → Bea's survey → 'human please' → Riley", async () => {
    const riley = await agentNamed("Riley Chen");
    const { conversation } = await startConversation({ customer: { name: "Ola" } });
    expect(await holder(conversation.id)).toMatchObject({ queue: "Support", assignee: "Sky" });
    await say(conversation.id, "Can I speak to someone?");
    expect(await holder(conversation.id)).toMatchObject({ assignee: "Riley Chen" });
    await transferConversation({
      conversationId: conversation.id,
      actor: agentActor(riley.id),
      target: { queueId: (await queueNamed("Support")).id },
    });
    expect(await holder(conversation.id)).toMatchObject({ assignee: "Bea" });
    await say(conversation.id, "human please");
    expect(await holder(conversation.id)).toMatchObject({ status: "active", assignee: "Riley Chen" });
  });

  it("the configuration checker finds no dead end in any demo queue", async () => {
    for (const name of ["Sales", "Feedback", "Support"]) {
      const { warnings } = await loadQueueCheck((await queueNamed(name)).id);
      expect(
        warnings.filter((w) => w.severity === "error"),
        name,
      ).toEqual([]);
    }
  });
});
