import { addSeconds } from "@/lib/clock";
import type { Tx } from "@/lib/db/transaction";

/**
 * Sets (or moves) the conversation's inactivity timer to `from` + its queue's time-out: called on every sign of
 * the customer — a stream opening or closing, a message. The timer checks again when it fires
 * (abandon-inactive-conversation.ts), so arming it early or more than once is harmless; a queue with no time-out
 * arms nothing.
 */
export async function armInactivityTimer(
  tx: Tx,
  conversation: { id: string; queueId: string | null },
  from: Date,
): Promise<void> {
  if (!conversation.queueId) return;
  const queue = await tx.queue.findUnique({
    where: { id: conversation.queueId },
    select: { inactivityTimeoutSeconds: true },
  });
  const seconds = queue?.inactivityTimeoutSeconds;
  if (!seconds) return;
  const dueAt = addSeconds(from, seconds);
  await tx.timer.upsert({
    where: { conversationId_kind: { conversationId: conversation.id, kind: "inactivity" } },
    create: { conversationId: conversation.id, kind: "inactivity", dueAt },
    update: { dueAt },
  });
}
