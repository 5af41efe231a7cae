import { transferConversation } from "@/lib/conversations/transfer-conversation";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { systemActor } from "@/lib/timeline/types";

/**
 * An AI agent that is down, slow or broken must not strand the customer:
 * Switchboard escalates for it to its escalation queue (or back to the
 * conversation's queue, where loop protection keeps it from returning to the
 * same agent), with a note in the transcript. Everything the customer wrote
 * is already stored, so the representative sees it all.
 */
export async function escalateFailedAgent(conversationId: string, agentId: string, why: string): Promise<void> {
  const db = getDb();
  const [conversation, agent] = await Promise.all([
    db.conversation.findUnique({ where: { id: conversationId } }),
    db.agent.findUnique({ where: { id: agentId } }),
  ]);
  if (!conversation || !agent || conversation.status !== "active" || conversation.assigneeId !== agentId) return;
  const queueId = agent.escalationQueueId ?? conversation.queueId;
  if (!queueId) return;
  try {
    await transferConversation({
      conversationId,
      actor: systemActor,
      target: { queueId },
      reason: "agent_failed",
      onlyIfHeldBy: agentId,
      summary: `Switchboard escalated: ${why}.`,
      customerNotice: "Sorry for the wait — I'm connecting you to a person who can help.",
    });
  } catch (error) {
    // Someone else moved the conversation first (the bot recovered, a supervisor acted): fine.
    if (error instanceof AppError && error.code === "invalid_state") return;
    throw error;
  }
}
