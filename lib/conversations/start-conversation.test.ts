import { beforeEach, describe, expect, it } from "vitest";
import { buildQueue, buildRep } from "@/lib/testing/builders";
import { resetDatabase } from "@/lib/testing/reset-database";
import { getConversation } from "./get-conversation";
import { startConversation } from "./start-conversation";

beforeEach(resetDatabase);

// Runs in every project: on the synchronous SQLite path (engine), through Prisma on SQLite (general-path) and on
// PostgreSQL (postgres) — the same plan each time (docs/decisions/013-assignment-plans.md).
describe("[START] the conversation a start answers with", () => {
  it("is, when someone takes it at once, what reading it back gives — built from the plan, not read back", async () => {
    const queue = await buildQueue({ capacityUnits: 2 });
    const rep = await buildRep({ capacity: 3, queues: [queue.id] });
    const { conversation } = await startConversation({
      customer: { name: "Ada" },
      topic: "billing",
      context: { plan: "pro", nested: { n: 3 } },
      queueId: queue.id,
    });
    expect(conversation).toMatchObject({ status: "active", assignee: { id: rep.id }, version: 2, lastSeq: 3 });
    expect(conversation).toEqual(await getConversation(conversation.id));
  });

  it("carries its place in line when it must wait", async () => {
    const queue = await buildQueue();
    await buildRep({ presence: "away", queues: [queue.id] });
    await startConversation({ customer: { name: "First" }, queueId: queue.id });
    const { conversation } = await startConversation({ customer: { name: "Second" }, queueId: queue.id });
    expect(conversation).toMatchObject({ status: "open", assignee: null, waiting: { position: 2 } });
  });
});
