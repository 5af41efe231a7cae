import { getDb } from "@/lib/db/client";

/** Empties every table (children first), so each test starts from nothing without re-migrating. */
export async function resetDatabase(): Promise<void> {
  const db = getDb();
  await db.$transaction([
    db.timer.deleteMany(),
    db.modelUsage.deleteMany(),
    db.knowledgeChunk.deleteMany(),
    db.knowledgeSource.deleteMany(),
    db.customerStream.deleteMany(),
    db.event.deleteMany(),
    db.message.deleteMany(),
    db.participant.deleteMany(),
    db.conversation.deleteMany(),
    db.routingRule.deleteMany(),
    db.queueMembership.deleteMany(),
    db.agent.updateMany({ data: { escalationQueueId: null } }),
    db.queue.updateMany({ data: { overflowQueueId: null } }),
    db.agent.deleteMany(),
    db.queue.deleteMany(),
  ]);
}
